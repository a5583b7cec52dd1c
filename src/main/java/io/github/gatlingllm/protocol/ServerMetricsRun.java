package io.github.gatlingllm.protocol;

import io.github.gatlingllm.report.FolderLookup;
import io.github.gatlingllm.report.ServerMetricsCsv;
import io.github.gatlingllm.servermetrics.MetricsEndpoint;
import io.github.gatlingllm.servermetrics.MetricsScraper;
import io.github.gatlingllm.servermetrics.ServerMetricsRecorder;
import io.github.gatlingllm.servermetrics.ServerMetricsResult;
import io.github.gatlingllm.servermetrics.ServerMetricsSampler;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server-metrics sampler of one run and the CSV it streams into: started before the load, finished after it. */
final class ServerMetricsRun {
  private static final Logger LOG = LoggerFactory.getLogger(ServerMetricsRun.class);

  private final LlmProtocol protocol;
  private final List<MetricsScraper> scrapers;
  private ServerMetricsSampler sampler;
  private ServerMetricsCsv csv;

  private ServerMetricsRun(LlmProtocol protocol, List<MetricsScraper> scrapers) {
    this.protocol = protocol;
    this.scrapers = scrapers;
  }

  /**
   * Probes the server: a run ready to {@link #start}, or null when the protocol has sampling off or the probe of
   * {@code auto} found no metrics. Throws when the probe of {@code on} fails: called first, so nothing else of the
   * run has started then.
   */
  static ServerMetricsRun probe(LlmProtocol protocol) {
    List<MetricsScraper> all = new ArrayList<>();
    all.add(new MetricsScraper(MetricsEndpoint.of(protocol.target()), protocol.apiKey(), protocol.connection().tls()));
    for (URI extra : protocol.run().serverMetrics().extraEndpoints()) {
      // not the server's: its API key stays with the server
      all.add(new MetricsScraper(extra, null, protocol.connection().tls()));
    }
    List<MetricsScraper> answering = ServerMetricsSampler.probe(all, protocol.run().serverMetrics().mode());
    return answering.isEmpty() ? null : new ServerMetricsRun(protocol, answering);
  }

  /** Starts sampling into {@code server-metrics.csv} of the run folder, times counted from {@code originNanos}. */
  void start(FolderLookup runFolder, long originNanos) {
    csv = ServerMetricsCsv.inFolder(runFolder);
    String urls = scrapers.stream().map(MetricsScraper::shownUrl).collect(Collectors.joining(" + "));
    sampler = new ServerMetricsSampler(scrapers, new ServerMetricsRecorder(urls, originNanos, csv::add));
    sampler.start(protocol.run().serverMetrics());
  }

  /** The load has ended: no more scrapes. */
  void stop() {
    sampler.stop();
  }

  /** Stops the sampler and closes the CSV, as far as {@link #start} got (it may have failed half-way). */
  void release() {
    if (sampler != null) {
      sampler.stop();
    }
    if (csv != null) {
      csv.close();
    }
  }

  /** Stops sampling if still going, completes the CSV and returns what was seen. */
  ServerMetricsResult finish() {
    release(); // then what was seen is read
    if (csv.dropped() > 0) {
      LOG.warn("{} rows could not be written to {}", csv.dropped(), ServerMetricsCsv.FILE_NAME);
    }
    return sampler.result();
  }
}
