package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.report.chart.ChartData;
import io.github.gatlingllm.report.chart.ScenarioBreakdown;
import io.github.gatlingllm.report.chart.ServerChart;
import io.github.gatlingllm.servermetrics.ServerMetricsResult;
import java.util.List;
import java.util.Map;

/**
 * What one rendering is made from beyond the summary: the run's {@link RunRecording} (charts, per-scenario summaries,
 * rounds) and the server's sampled metrics. The per-scenario summaries are computed once per summary.
 */
final class RunView {
  private RunRecording recording;
  /** Requests to record on first use, with the first summary's options (views built from a list); else null. */
  private List<RequestRecord> records;
  private final ServerMetricsResult server;
  private BenchmarkSummary scenariosFor;
  private List<ScenarioBreakdown.Row> scenarios;

  /** @param server what the server's {@code /metrics} showed during the run, or null when it was not sampled */
  RunView(RunRecording recording, ServerMetricsResult server) {
    this.recording = recording;
    this.server = server;
  }

  /** A view of a finished list of requests (tests, previews), recorded with the options of the first summary shown. */
  RunView(List<RequestRecord> records, ServerMetricsResult server) {
    this.records = List.copyOf(records);
    this.server = server;
  }

  synchronized RunRecording recording(BenchmarkSummary summary) {
    if (recording == null) {
      recording = RunRecording.of(records, summary.options());
      records = null;
    }
    return recording;
  }

  /** The server chart's series on the charts' time axis; empty when the server was not sampled. */
  Map<String, Object> serverChart(BenchmarkSummary summary) {
    if (server == null) {
      return Map.of();
    }
    RunRecording r = recording(summary);
    return ServerChart.of(server, r.timeline().axis(r.statistics().span()));
  }

  /** The charts' data for {@code summary}. */
  Map<String, Object> charts(BenchmarkSummary summary) {
    RunRecording r = recording(summary);
    return ChartData.of(r.statistics(), r.timeline(), r.scatter(), summary, scenarios(summary));
  }

  /** One row per scenario, empty for a single scenario. Parts render on one thread, one page at a time. */
  synchronized List<ScenarioBreakdown.Row> scenarios(BenchmarkSummary summary) {
    if (scenariosFor != summary) {
      scenarios =
          ScenarioBreakdown.of(
              recording(summary).scenarios(summary.run(), ScenarioBreakdown.withTail(summary.options())));
      scenariosFor = summary;
    }
    return scenarios;
  }
}
