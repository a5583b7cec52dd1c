package io.github.gatlingllm.capacity;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.report.SummaryChecks;
import java.util.List;
import java.util.Objects;

/**
 * What one measured step offered and showed, judged against the SLOs on its own requests (warm-ups excluded).
 *
 * @param number the step's rank in the run, from 1
 * @param scenario the Gatling scenario the step ran as (its requests' {@code scenario} in the per-request files)
 * @param load what the step offered
 * @param phase why it ran
 * @param summary the step's own summary with vLLM's keys (its measured requests only)
 * @param keys the step's numeric keys as llm-summary.json would hold them (what the clauses were evaluated on)
 * @param checks every SLO clause with its actual value; empty in a sweep without SLOs
 * @param passed whether every clause held and the step was not stopped as failing
 * @param stoppedEarly why the step was stopped before its end, or null when it ran to its end
 * @param plannedRequests measured requests the step was to send
 * @param sentRequests measured requests it did send
 * @param windowRequestRate for a step of a duration whose users loop (concurrency, all at once): requests completed per
 *     second between the end of its warm-up and the end of its time, warm-ups included ({@link SteadyRate}: the
 *     server's steady rate; the queue the step leaves behind drains after its end, which vLLM's request_throughput
 *     would count); NaN otherwise
 */
public record StepResult(
    int number,
    String scenario,
    StepLoad load,
    StepPhase phase,
    BenchmarkSummary summary,
    java.util.Map<String, Double> keys,
    List<SummaryChecks.Result> checks,
    boolean passed,
    String stoppedEarly,
    int plannedRequests,
    int sentRequests,
    double windowRequestRate) {

  public StepResult {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(summary, "summary");
    keys = java.util.Map.copyOf(keys);
    checks = List.copyOf(checks);
  }

  /** A numeric key of the step's summary, or NaN when it has none. */
  public double key(String name) {
    Double v = keys.get(name);
    return v == null ? Double.NaN : v;
  }

  /**
   * Requests per second the server completed during the step: the steady window's rate when the step has one
   * ({@link #windowRequestRate}), else vLLM's {@code request_throughput} of its measured requests.
   */
  public double achievedRequestRate() {
    return Double.isFinite(windowRequestRate) ? windowRequestRate : summary.requestThroughput();
  }

  /** Output tokens per second over all users (vLLM's {@code output_throughput}). */
  public double totalOutputTokensPerSecond() {
    return summary.outputThroughput();
  }

  /**
   * Output tokens per second one user sees while its answer streams: 1000 / mean TPOT (ms); NaN when no request
   * produced more than one token. With total output throughput, the two axes of the Pareto view.
   */
  public double perUserOutputTokensPerSecond() {
    double meanTpot = summary.tpot().meanMs();
    return meanTpot > 0 && summary.tpot().count() > 0 ? 1000.0 / meanTpot : Double.NaN;
  }
}
