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

  private final ServerMetricsSampler sampler;
  private final ServerMetricsCsv csv;

  private ServerMetricsRun(ServerMetricsSampler sampler, ServerMetricsCsv csv) {
    this.sampler = sampler;
    this.csv = csv;
  }

  /**
   * Probes the server and starts sampling, or returns null when the protocol has it off or the probe of {@code auto}
   * found no metrics. Throws when the probe of {@code on} fails, before any load.
   */
  static ServerMetricsRun start(LlmProtocol protocol, FolderLookup runFolder, long originNanos) {
    MetricsScraper scraper = new MetricsScraper(MetricsEndpoint.of(protocol.target()), protocol.apiKey());
    if (!ServerMetricsSampler.probe(scraper, protocol.serverMetrics().mode())) {
      return null;
    }
    ServerMetricsCsv csv = ServerMetricsCsv.inFolder(runFolder);
    ServerMetricsSampler sampler =
        new ServerMetricsSampler(scraper, new ServerMetricsRecorder(scraper.uri().toString(), originNanos, csv::add));
    sampler.start(protocol.serverMetrics());
    return new ServerMetricsRun(sampler, csv);
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
