package io.github.gatlingllm.capacity;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.MetricStats;
import io.github.gatlingllm.metrics.PercentileValue;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.report.SummaryCheck;
import io.github.gatlingllm.report.SummaryChecks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-made capacity results for the rendering tests: a rate search judged on {@code p99_ttft_ms<500} and
 * {@code p99_tpot_ms<50} (bracket 2, 4, 8, 16; narrow 12, 10, 9; repeat 8) and a concurrency sweep without SLOs.
 */
final class CapacityResults {
  static final List<SummaryCheck> SLO = SummaryCheck.parseAll("p99_ttft_ms<500;p99_tpot_ms<50");

  private CapacityResults() {}

  /**
   * A step whose achieved rate is {@code 0.97 * load}, output throughput {@code 100 * achieved}, with the given P99
   * TTFT and P99 TPOT (mean TPOT = P99 TPOT / 2, so per-user tok/s = 2000 / P99 TPOT); judged on {@code slo}.
   */
  static StepResult step(int n, StepLoad load, StepPhase phase, double achieved, double p99Ttft, double p99Tpot,
      long failed, List<SummaryCheck> slo, String stopped) {
    BenchmarkSummary s = BenchmarkSummary.builder(
            new RunDescription("openai-chat", null, "step" + n, "m", "t", 100, Double.POSITIVE_INFINITY, 1.0, null, 0L),
            SummaryOptions.defaults())
        .completed(100 - failed).failed(failed).durationSeconds(100 / achieved)
        .totalInputTokens(10_000).totalOutputTokens(10_000)
        .requestThroughput(achieved).outputThroughput(100 * achieved).totalTokenThroughput(200 * achieved)
        .maxOutputTokensPerSecond(150 * achieved).maxConcurrentRequests(8)
        .ttft(stats(p99Ttft / 2, p99Ttft)).tpot(stats(p99Tpot / 2, p99Tpot)).itl(stats(p99Tpot / 2, p99Tpot))
        .e2el(stats(3000, 6000))
        .build();
    Map<String, Double> keys = new LinkedHashMap<>();
    keys.put("request_throughput", achieved);
    keys.put("output_throughput", 100 * achieved);
    keys.put("p99_ttft_ms", p99Ttft);
    keys.put("p99_tpot_ms", p99Tpot);
    keys.put("p99_itl_ms", p99Tpot);
    keys.put("mean_tpot_ms", p99Tpot / 2);
    keys.put("failed", (double) failed);
    List<SummaryChecks.Result> checks = new ArrayList<>();
    boolean passed = stopped == null;
    for (SummaryCheck c : slo) {
      double actual = keys.get(c.key());
      checks.add(new SummaryChecks.Result(c, actual, c.holds(actual)));
      passed &= c.holds(actual);
    }
    return new StepResult(n, "capacity-" + n, load, phase, s, keys, checks, passed, stopped, 100,
        stopped == null ? 100 : 40, Double.NaN);
  }

  /**
   * A step with the given actual values (summary keys), judged on {@code slo}: passed iff it was not stopped and every
   * clause holds. For the planner tests, where only the loads, the verdicts and the margins matter.
   */
  static StepResult judged(int n, StepLoad load, StepPhase phase, List<SummaryCheck> slo, Map<String, Double> actual,
      String stopped) {
    StepResult base = step(n, load, phase, 1, 100, 10, 0, List.of(), stopped);
    Map<String, Double> keys = new LinkedHashMap<>(base.keys());
    keys.putAll(actual);
    List<SummaryChecks.Result> checks = new ArrayList<>();
    boolean passed = stopped == null;
    for (SummaryCheck c : slo) {
      Double value = keys.get(c.key());
      double v = value == null ? Double.NaN : value;
      checks.add(new SummaryChecks.Result(c, v, c.holds(v)));
      passed &= c.holds(v);
    }
    return new StepResult(n, base.scenario(), load, phase, base.summary(), keys, checks, passed, stopped, 100,
        stopped == null ? 100 : 40, Double.NaN);
  }

  /** A sweep step that completed {@code achieved} requests per second. */
  static StepResult achieved(int n, PlannedStep planned, double achieved) {
    return step(n, planned.load(), planned.phase(), achieved, 100, 10, 0, List.of(), null);
  }

  static MetricStats stats(double mean, double p99) {
    return new MetricStats(100, mean, mean, 1.0, 0.0, p99, List.of(new PercentileValue(99.0, p99)));
  }

  static StepResult rate(int n, double rps, StepPhase phase, double p99Ttft, double p99Tpot) {
    return step(n, StepLoad.rate(rps), phase, 0.97 * rps, p99Ttft, p99Tpot, 0, SLO, null);
  }

  static CapacityResult search() {
    List<StepResult> steps = List.of(
        rate(1, 2, StepPhase.BRACKET, 120, 20),
        rate(2, 4, StepPhase.BRACKET, 150, 22),
        rate(3, 8, StepPhase.BRACKET, 260, 30),
        step(4, StepLoad.rate(16), StepPhase.BRACKET, 9.1, 4200, 95, 12, SLO, "p99_ttft_ms above 2x its limit"),
        rate(5, 12, StepPhase.NARROW, 900, 61),
        rate(6, 10, StepPhase.NARROW, 640, 48),
        rate(7, 9, StepPhase.NARROW, 480, 44),
        rate(8, 9, StepPhase.REPEAT, 530, 45),
        rate(9, 8, StepPhase.REPEAT, 270, 31));
    return new CapacityResult(CapacityResult.Mode.SEARCH, SearchDimension.RATE, SLO, steps,
        new CapacityResult.Capacity(8, 9, "Capacity 8 req/s: passed at 8, failed at 9 (interval width 12.5%).",
            null, List.of(9.0)));
  }

  static CapacityResult sweep() {
    List<StepResult> steps = List.of(
        step(1, StepLoad.concurrency(1), StepPhase.SYNCHRONOUS, 1.5, 80, 10, 0, List.of(), null),
        step(2, StepLoad.allAtOnce(), StepPhase.THROUGHPUT, 20, 9000, 60, 0, List.of(), null),
        step(3, StepLoad.concurrency(8), StepPhase.SWEEP, 9, 300, 20, 0, List.of(), null),
        step(4, StepLoad.concurrency(16), StepPhase.SWEEP, 14, 700, 30, 0, List.of(), null));
    return new CapacityResult(CapacityResult.Mode.SWEEP, SearchDimension.CONCURRENCY, List.of(), steps, null);
  }
}
