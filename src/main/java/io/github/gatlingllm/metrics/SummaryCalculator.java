package io.github.gatlingllm.metrics;

import java.util.List;

/**
 * Turns a list of finished requests into their {@link BenchmarkSummary}, as vLLM's {@code calculate_metrics} does
 * (docs/metrics.md): the requests go through a {@link RunStatistics}, the same path a live run takes one request at a time,
 * so that a recomputation and the live summary can never disagree.
 */
public final class SummaryCalculator {
  private SummaryCalculator() {}

  public static BenchmarkSummary compute(List<RequestRecord> records, RunDescription run, SummaryOptions opts) {
    RunStatistics statistics = new RunStatistics(opts);
    for (RequestRecord r : records) {
      statistics.add(r);
    }
    return statistics.summary(run);
  }
}
