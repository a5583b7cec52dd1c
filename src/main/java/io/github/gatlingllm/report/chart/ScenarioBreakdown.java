package io.github.gatlingllm.report.chart;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.SummaryCalculator;
import io.github.gatlingllm.metrics.SummaryOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One summary per scenario, for runs whose records come from several scenarios (the steps of a concurrency sweep):
 * {@link SummaryCalculator#compute} on each scenario's requests, with the run's description and options, so that
 * every figure (its rates over the scenario's own window included) means what it means for the whole run.
 *
 * <p>Scenarios are listed in the order they started (earliest intended start), which is a sweep's order.
 */
public final class ScenarioBreakdown {
  /** The percentile shown in the per-scenario table and chart; added to the options when not requested. */
  public static final double TAIL = 99.0;

  /** One scenario's name and summary. */
  public record Row(String scenario, BenchmarkSummary summary) {
    public int requests() {
      return summary.completed() + summary.failed();
    }
  }

  private ScenarioBreakdown() {}

  /** One row per scenario, in start order; empty when all records come from one scenario. */
  public static List<Row> compute(List<RequestRecord> records, BenchmarkSummary run) {
    Map<String, List<RequestRecord>> byScenario = new LinkedHashMap<>();
    Map<String, Long> firstStart = new LinkedHashMap<>();
    for (RequestRecord r : records) {
      byScenario.computeIfAbsent(r.scenario(), k -> new ArrayList<>()).add(r);
      long t = r.intendedNanos();
      if (t != RequestRecord.NONE) {
        firstStart.merge(r.scenario(), t, Math::min);
      }
    }
    if (byScenario.size() < 2) {
      return List.of();
    }
    List<String> names = new ArrayList<>(byScenario.keySet());
    names.sort((a, b) -> Long.compare(firstStart.getOrDefault(a, Long.MAX_VALUE),
        firstStart.getOrDefault(b, Long.MAX_VALUE)));
    SummaryOptions opts = withTail(run.options());
    List<Row> rows = new ArrayList<>();
    for (String name : names) {
      rows.add(new Row(name, SummaryCalculator.compute(byScenario.get(name), run.run(), opts)));
    }
    return List.copyOf(rows);
  }

  /** The run's options, plus {@link #TAIL} when it was not among the requested percentiles. */
  static SummaryOptions withTail(SummaryOptions opts) {
    if (opts.percentiles().contains(TAIL)) {
      return opts;
    }
    List<Double> ps = new ArrayList<>(opts.percentiles());
    ps.add(TAIL);
    return new SummaryOptions(ps, opts.goodput(), opts.includeGeneratedTexts());
  }
}
