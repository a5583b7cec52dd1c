package io.github.gatlingllm.report.chart;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RunSpan;
import io.github.gatlingllm.metrics.RunStatistics;
import io.github.gatlingllm.metrics.SummaryOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One summary per scenario, for runs whose requests come from several scenarios (the steps of a concurrency sweep):
 * each scenario's requests summarized on their own, with the run's description and options, so that every figure
 * (its rates over the scenario's own window included) means what it means for the whole run.
 *
 * <p>Scenarios are listed in the order they started (earliest intended start), which is a sweep's order.
 */
public final class ScenarioBreakdown {
  /** The percentile shown in the per-scenario table and chart; added to the options when not requested. */
  public static final double TAIL = 99.0;

  /** One scenario's name, summary, and when it ran (first intended start to last end). */
  public record Row(String scenario, BenchmarkSummary summary, RunSpan span) {
    public long requests() {
      return summary.completed() + summary.failed() + summary.cancelled();
    }
  }

  /** A sweep's order: the earliest intended start first, scenarios that timed nothing last. */
  public static final Comparator<Row> BY_START =
      Comparator.comparingLong(r -> r.span().isEmpty() ? Long.MAX_VALUE : r.span().startNanos());

  private ScenarioBreakdown() {}

  /** The rows to show: {@code scenarios} in start order, or none when there is only one scenario. */
  public static List<Row> of(List<Row> scenarios) {
    if (scenarios.size() < 2) {
      return List.of();
    }
    List<Row> rows = new ArrayList<>(scenarios);
    rows.sort(BY_START);
    return List.copyOf(rows);
  }

  /** One row per scenario of a finished list of requests, in start order; empty for a single scenario. */
  public static List<Row> compute(List<RequestRecord> records, BenchmarkSummary run) {
    Map<String, RunStatistics> byScenario = new LinkedHashMap<>();
    for (RequestRecord r : records) {
      byScenario.computeIfAbsent(r.scenario(), k -> new RunStatistics(run.options())).add(r);
    }
    SummaryOptions opts = withTail(run.options());
    List<Row> rows = new ArrayList<>();
    byScenario.forEach((name, s) -> rows.add(new Row(name, s.summary(run.run(), opts), s.span())));
    return of(rows);
  }

  /** The run's options, plus {@link #TAIL} when it was not among the requested percentiles. */
  public static SummaryOptions withTail(SummaryOptions opts) {
    if (opts.percentiles().contains(TAIL)) {
      return opts;
    }
    List<Double> ps = new ArrayList<>(opts.percentiles());
    ps.add(TAIL);
    return new SummaryOptions(ps, opts.goodput(), opts.includeGeneratedTexts(), opts.saveDetailed(),
        opts.percentileMetrics());
  }
}
