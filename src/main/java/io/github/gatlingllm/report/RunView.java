package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.report.chart.ScenarioBreakdown;
import io.github.gatlingllm.report.chart.ServerChart;
import io.github.gatlingllm.report.chart.TimeBuckets;
import io.github.gatlingllm.servermetrics.ServerMetricsResult;
import java.util.List;
import java.util.Map;

/**
 * The records behind one rendering, shared by the parts that need more than the summary. The per-scenario summaries
 * are computed once per summary and reused by the table and the chart that both show them.
 */
final class RunView {
  private final List<RequestRecord> records;
  private BenchmarkSummary scenariosFor;
  private List<ScenarioBreakdown.Row> scenarios;

  private final ServerMetricsResult server;

  RunView(List<RequestRecord> records) {
    this(records, null);
  }

  /** @param server what the server's {@code /metrics} showed during the run, or null when it was not sampled */
  RunView(List<RequestRecord> records, ServerMetricsResult server) {
    this.records = List.copyOf(records);
    this.server = server;
  }

  /** The server chart's series on the charts' time axis; empty when the server was not sampled. */
  Map<String, Object> serverChart() {
    return server == null ? Map.of() : ServerChart.of(server, TimeBuckets.of(records));
  }

  List<RequestRecord> records() {
    return records;
  }

  /** One row per scenario, empty for a single scenario. Parts render on one thread, one page at a time. */
  synchronized List<ScenarioBreakdown.Row> scenarios(BenchmarkSummary summary) {
    if (scenariosFor != summary) {
      scenarios = ScenarioBreakdown.compute(records, summary);
      scenariosFor = summary;
    }
    return scenarios;
  }
}
