package io.github.gatlingllm.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.SummaryCalculator;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.metrics.TestRecords;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioBreakdownTest {
  @Test
  void oneScenarioNoRows() {
    List<RequestRecord> rs = TestRecords.scenario();
    BenchmarkSummary all = SummaryCalculator.compute(rs, TestRecords.run(null, 1.0), SummaryOptions.defaults());
    assertTrue(ScenarioBreakdown.compute(rs, all).isEmpty());
  }

  @Test
  void oneRowPerScenarioInStartOrderEachSummarizedAlone() {
    List<RequestRecord> rs = TestRecords.scenario();
    // E (starts at 1000 ms) is "late"; A..D (from 0 ms) are "early": listed second though named first.
    for (RequestRecord r : rs) {
      r.origin(r == rs.get(4) ? "a late" : "b early", 1, 1);
    }
    SummaryOptions opts = new SummaryOptions(List.of(50.0), null, false);
    BenchmarkSummary all = SummaryCalculator.compute(rs, TestRecords.run(null, 1.0), opts);
    List<ScenarioBreakdown.Row> rows = ScenarioBreakdown.compute(rs, all);
    assertEquals(List.of("b early", "a late"), rows.stream().map(ScenarioBreakdown.Row::scenario).toList());
    ScenarioBreakdown.Row early = rows.get(0);
    assertEquals(4, early.requests());
    assertEquals(1, early.summary().failed());
    BenchmarkSummary expected = SummaryCalculator.compute(rs.subList(0, 4), all.run(),
        new SummaryOptions(List.of(50.0, 99.0), null, false));
    assertEquals(expected.ttft(), early.summary().ttft(), "P99 added to the run's percentiles");
    assertEquals(expected.outputThroughput(), early.summary().outputThroughput());
    assertEquals(1, rows.get(1).requests());
    assertEquals(0, rows.get(1).summary().completed());
  }
}
