package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.report.chart.ScenarioBreakdown;
import java.util.List;

/**
 * The records behind one rendering, shared by the parts that need more than the summary. The per-scenario summaries
 * are computed once per summary and reused by the table and the chart that both show them.
 */
final class RunView {
  private final List<RequestRecord> records;
  private BenchmarkSummary scenariosFor;
  private List<ScenarioBreakdown.Row> scenarios;

  RunView(List<RequestRecord> records) {
    this.records = List.copyOf(records);
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
