package io.github.gatlingllm.protocol;

import io.github.gatlingllm.report.FolderLookup;
import io.github.gatlingllm.report.ServerMetricsCsv;
import io.github.gatlingllm.servermetrics.MetricsEndpoint;
import io.github.gatlingllm.servermetrics.MetricsScraper;
import io.github.gatlingllm.servermetrics.ServerMetricsRecorder;
import io.github.gatlingllm.servermetrics.ServerMetricsResult;
import io.github.gatlingllm.servermetrics.ServerMetricsSampler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server-metrics sampler of one run and the CSV it streams into: started before the load, finished after it. */
final class ServerMetricsRun {
  private static final Logger LOG = LoggerFactory.getLogger(ServerMetricsRun.class);

  private final LlmProtocol protocol;
  private final MetricsScraper scraper;
  private ServerMetricsSampler sampler;
  private ServerMetricsCsv csv;

  private ServerMetricsRun(LlmProtocol protocol, MetricsScraper scraper) {
    this.protocol = protocol;
    this.scraper = scraper;
  }

  /**
   * Probes the server: a run ready to {@link #start}, or null when the protocol has sampling off or the probe of
   * {@code auto} found no metrics. Throws when the probe of {@code on} fails: called first, so nothing else of the
   * run has started then.
   */
  static ServerMetricsRun probe(LlmProtocol protocol) {
    MetricsScraper scraper = new MetricsScraper(MetricsEndpoint.of(protocol.target()), protocol.apiKey(), protocol.trustAllCertificates());
    return ServerMetricsSampler.probe(scraper, protocol.serverMetrics().mode())
        ? new ServerMetricsRun(protocol, scraper)
        : null;
  }

  /** Starts sampling into {@code server-metrics.csv} of the run folder, times counted from {@code originNanos}. */
  void start(FolderLookup runFolder, long originNanos) {
    csv = ServerMetricsCsv.inFolder(runFolder);
    sampler =
        new ServerMetricsSampler(scraper, new ServerMetricsRecorder(scraper.uri().toString(), originNanos, csv::add));
    sampler.start(protocol.serverMetrics());
  }

  /** The load has ended: no more scrapes. */
  void stop() {
    sampler.stop();
  }

  /** Stops sampling if still going, completes the CSV and returns what was seen. */
  ServerMetricsResult finish() {
    sampler.stop();
    csv.close();
    if (csv.dropped() > 0) {
      LOG.warn("{} rows could not be written to {}", csv.dropped(), ServerMetricsCsv.FILE_NAME);
    }
    return sampler.result();
  }
}
