package io.github.gatlingllm.capacity;

import io.github.gatlingllm.report.SummaryCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A sweep: one step per load level, each its own row. Either given levels ({@code rates:1,2,4,8},
 * {@code concurrency:1,8,32}), or {@code auto} as GuideLLM's sweep profile does: first one user sending back to back
 * (synchronous: the server's best latency and its lowest useful rate), then every request at once (throughput: the
 * most the server completes per second), then {@code n} rates spread evenly between the two achieved request rates,
 * exclusive of both ends.
 */
public final class SweepPlan implements StepPlanner {
  private final List<StepLoad> levels;
  private final int interpolated;
  private final SearchDimension dimension;
  private final List<SummaryCheck> slo;

  private SweepPlan(List<StepLoad> levels, int interpolated, SearchDimension dimension, List<SummaryCheck> slo) {
    this.levels = levels;
    this.interpolated = interpolated;
    this.dimension = dimension;
    this.slo = List.copyOf(slo);
  }

  /** The given levels, in order. */
  public static SweepPlan levels(List<StepLoad> levels, List<SummaryCheck> slo) {
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("a sweep needs at least one level");
    }
    StepLoad.Kind kind = levels.get(0).kind();
    for (StepLoad l : levels) {
      if (l.kind() != kind || kind == StepLoad.Kind.ALL_AT_ONCE) {
        throw new IllegalArgumentException(
            "a sweep's levels are all rates or all concurrencies, got " + levels);
      }
    }
    SearchDimension dimension = kind == StepLoad.Kind.RATE ? SearchDimension.RATE : SearchDimension.CONCURRENCY;
    return new SweepPlan(List.copyOf(levels), 0, dimension, slo);
  }

  /** Synchronous, throughput, then {@code rates} rates between them (GuideLLM's sweep). */
  public static SweepPlan auto(int rates, List<SummaryCheck> slo) {
    if (rates < 1) {
      throw new IllegalArgumentException("an automatic sweep needs at least 1 interpolated rate, got " + rates);
    }
    return new SweepPlan(List.of(), rates, SearchDimension.RATE, slo);
  }

  /**
   * Parses {@code llm.sweep}: {@code auto}, {@code rates:1,2.5,4} or {@code concurrency:1,8,32}.
   *
   * @param autoRates the interpolated rates of {@code auto}
   */
  public static SweepPlan parse(String text, int autoRates, List<SummaryCheck> slo) {
    String spec = text.trim().toLowerCase(Locale.ROOT);
    if (spec.equals("auto")) {
      return auto(autoRates, slo);
    }
    int colon = spec.indexOf(':');
    String kind = colon < 0 ? "" : spec.substring(0, colon).trim();
    if (colon < 0 || !(kind.equals("rates") || kind.equals("concurrency"))) {
      throw new IllegalArgumentException(
          "Invalid sweep '" + text + "': expected auto, rates:<r1>,<r2>,... (req/s) or concurrency:<c1>,<c2>,..."
              + " (users), e.g. rates:1,2,4,8");
    }
    List<StepLoad> levels = new ArrayList<>();
    for (String part : spec.substring(colon + 1).split(",")) {
      if (part.isBlank()) {
        continue;
      }
      double value;
      try {
        value = Double.parseDouble(part.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Invalid sweep '" + text + "': '" + part.trim() + "' is not a number");
      }
      try {
        levels.add(kind.equals("rates") ? StepLoad.rate(value) : concurrency(value));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Invalid sweep '" + text + "': " + e.getMessage(), e);
      }
    }
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("Invalid sweep '" + text + "': no level after '" + kind + ":'");
    }
    return levels(levels, slo);
  }

  private static StepLoad concurrency(double value) {
    return new StepLoad(StepLoad.Kind.CONCURRENCY, value);
  }

  @Override
  public Optional<PlannedStep> next(List<StepResult> done) {
    int i = done.size();
    if (interpolated == 0) {
      return i < levels.size() ? Optional.of(new PlannedStep(levels.get(i), StepPhase.SWEEP)) : Optional.empty();
    }
    if (i == 0) {
      return Optional.of(new PlannedStep(StepLoad.concurrency(1), StepPhase.SYNCHRONOUS));
    }
    if (i == 1) {
      return Optional.of(new PlannedStep(StepLoad.allAtOnce(), StepPhase.THROUGHPUT));
    }
    if (i >= 2 + interpolated) {
      return Optional.empty();
    }
    double low = done.get(0).achievedRequestRate();
    double high = done.get(1).achievedRequestRate();
    if (!(low > 0) || !(high > low)) {
      // Nothing to spread between: the synchronous step completed nothing, or the server does not go faster with
      // more requests at once (each rate would be the same step again).
      return Optional.empty();
    }
    int k = i - 1; // 1 .. interpolated
    return Optional.of(
        new PlannedStep(StepLoad.rate(low + (high - low) * k / (interpolated + 1)), StepPhase.SWEEP));
  }

  @Override
  public CapacityResult conclude(List<StepResult> done) {
    return new CapacityResult(CapacityResult.Mode.SWEEP, dimension, slo, done, null);
  }

  @Override
  public int maxSteps() {
    return interpolated == 0 ? levels.size() : 2 + interpolated;
  }

  @Override
  public SearchDimension dimension() {
    return dimension;
  }
}
