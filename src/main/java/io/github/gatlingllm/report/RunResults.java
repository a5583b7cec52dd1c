package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.servermetrics.ServerMetricsResult;
import java.io.IOException;
import java.nio.file.Path;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.report.chart.ScenarioBreakdown;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link RunOutput} receives: the run's summary, what its requests left ({@link RunRecording}: per-scenario
 * statistics, rounds, charts' series), and the run folder (absent when Gatling created none, e.g. on Gatling
 * Enterprise: print, do not write). The run keeps no request: an output that needs each one reads them as they finish
 * by also implementing {@code RecordListener} (called on the statistics thread, in finishing order).
 *
 * @param runFolder the Gatling run folder, or null
 * @param summary the run's LLM summary (its run description and options apply to per-scenario summaries too)
 * @param recording what the run's requests left
 * @param origin the run's time origin, which places nanoTime readings in wall-clock time (the same as the per-request
 *     files use), or null when unknown
 * @param server what the server's metrics showed during the run, or null when they were not sampled
 */
public record RunResults(
    Path runFolder, BenchmarkSummary summary, RunRecording recording, RunOrigin origin, ServerMetricsResult server) {

  /** The results of a finished list of requests (tests, recomputations). */
  public RunResults(Path runFolder, BenchmarkSummary summary, List<RequestRecord> records) {
    this(runFolder, summary, RunRecording.of(records, summary.options()), null, null);
  }

  /** The server's sampled metrics, if any scrape was attempted. */
  public Optional<ServerMetricsResult> serverMetrics() {
    return server != null && server.sampled() ? Optional.of(server) : Optional.empty();
  }

  public Optional<Path> folder() {
    return Optional.ofNullable(runFolder);
  }

  /**
   * Writes {@code value} as pretty JSON to {@code fileName} in the run folder, if there is one.
   *
   * @return the file written, or empty when there is no run folder (Gatling Enterprise: the console is the output)
   */
  public Optional<Path> saveJson(String fileName, Object value) throws IOException {
    if (runFolder == null) {
      return Optional.empty();
    }
    Path file = runFolder.resolve(fileName);
    JsonFiles.write(file, value);
    return Optional.of(file);
  }

  /** Each scenario's own summary, with the run's description and the given options, in start order. */
  public List<ScenarioBreakdown.Row> scenarios(RunDescription run, SummaryOptions opts) {
    return recording.scenarios(run, opts);
  }
}
