package io.github.gatlingllm.capacity;

import io.github.gatlingllm.report.SummaryCheck;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a capacity search or a sweep: every step in run order, and for a search the capacity found.
 *
 * @param mode a search for the boundary, or a sweep of given levels
 * @param dimension what the steps vary: the request rate (open model) or the concurrency (closed model); a sweep's
 *     synchronous and throughput steps are closed and all-at-once whatever the dimension
 * @param slo the clauses each step is judged on (empty for a sweep without SLOs)
 * @param steps every step, in run order
 * @param capacity the search's answer, or null for a sweep
 */
public record CapacityResult(
    Mode mode, SearchDimension dimension, List<SummaryCheck> slo, List<StepResult> steps, Capacity capacity) {

  /** A search for the highest load within the SLOs, or a sweep over levels. */
  public enum Mode {
    SEARCH,
    SWEEP
  }

  /**
   * The highest load found within the SLOs, as an interval: every step at {@code low} passed (repeats included), the
   * step at {@code high} failed, and nothing between them was tried.
   *
   * @param low the highest load that passed every time, or NaN when no step passed (the capacity is below every load
   *     tried)
   * @param high the lowest load that failed, or NaN when none failed (the capacity is above every load tried)
   * @param verdict one sentence: the capacity, its interval and how sure it is
   * @param cliff the cliff found at the boundary, or null: a small increase of the load that broke every SLO at once
   * @param flaky loads whose repeats disagreed (passed once, failed once), empty when none
   */
  public record Capacity(double low, double high, String verdict, String cliff, List<Double> flaky) {
    public Capacity {
      Objects.requireNonNull(verdict, "verdict");
      flaky = List.copyOf(flaky);
    }

    /** Whether both ends were found: a pass below and a failure above. */
    public boolean bounded() {
      return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /** The interval's width relative to its low end ((high - low) / low), or NaN when it is not bounded. */
    public double relativeWidth() {
      return bounded() && low > 0 ? (high - low) / low : Double.NaN;
    }
  }

  public CapacityResult {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(dimension, "dimension");
    slo = List.copyOf(slo);
    steps = List.copyOf(steps);
    if (mode == Mode.SEARCH) {
      Objects.requireNonNull(capacity, "a search has a capacity");
    }
  }
}
