package io.github.gatlingllm.capacity;

import io.github.gatlingllm.report.SummaryCheck;
import io.github.gatlingllm.report.SummaryChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The capacity search: the highest load (request rate or concurrency) whose steps keep every SLO clause.
 *
 * <ol>
 *   <li><b>Bracket.</b> From {@code start}, double the load until a step fails (or halve it until one passes).
 *   <li><b>Narrow.</b> Between the highest passing load {@code low} and the lowest failing one {@code high}, try the
 *       load where the SLO margin is interpolated to reach 1 (the worst clause's actual / threshold, on a log scale of
 *       the load), kept within the middle half of the bracket so that a curved margin cannot stall the search; without
 *       usable margins (a step stopped early), the geometric middle. Until {@code (high - low) / low <= precision} (or
 *       {@code high - low <= 1} user).
 *   <li><b>Repeat.</b> Run {@code low} again, {@code repeats} times: a load counts as passing only if every run of it
 *       passed, so a repeat that fails moves {@code high} down to it (the load is reported as flaky) and the search
 *       goes on below it while steps remain.
 * </ol>
 *
 * <p>{@code maxSteps} counts every step, repeats included; narrowing stops early enough to leave room for the repeats.
 * Pure: decisions depend only on the judged steps.
 */
public final class BracketSearch implements StepPlanner {
  /** The margin interpolation is kept within this share of the bracket from either end (log scale). */
  private static final double INTERPOLATION_GUARD = 0.25;
  /** A broken clause whose margin at the passing end was below this is on the flat part of its curve. */
  private static final double FLAT_MARGIN = 0.5;
  /** A failing step this close above a passing one (load ratio) whose every clause broke is a cliff. */
  private static final double CLIFF_LOAD_RATIO = 1.25;
  /** With one clause, a cliff also needs its margin to at least double across the bracket. */
  private static final double CLIFF_MARGIN_JUMP = 2.0;
  /** How far below the start a rate search goes before it concludes that nothing passes. */
  private static final double RATE_FLOOR_FACTOR = 1.0 / 1024;

  private final SearchDimension dimension;
  private final double start;
  private final double precision;
  private final int maxSteps;
  private final int repeats;
  private final double ceiling;
  private final List<SummaryCheck> slo;

  /**
   * @param start the first step's load (req/s, or users)
   * @param precision the relative width at which narrowing stops, e.g. 0.05
   * @param maxSteps the most steps, repeats included
   * @param repeats extra runs of the passing load nearest the boundary
   * @param ceiling the highest load a step may offer (users for concurrency: the client's pool); infinite for none
   * @param slo the clauses every step is judged on (for the margins and the verdict)
   */
  public BracketSearch(
      SearchDimension dimension,
      double start,
      double precision,
      int maxSteps,
      int repeats,
      double ceiling,
      List<SummaryCheck> slo) {
    if (!(start > 0) || Double.isInfinite(start)) {
      throw new IllegalArgumentException("the search's start load must be a finite number > 0, got " + start);
    }
    if (dimension == SearchDimension.CONCURRENCY && start != Math.rint(start)) {
      throw new IllegalArgumentException("a concurrency search starts at a whole number of users, got " + start);
    }
    if (!(precision > 0 && precision < 1)) {
      throw new IllegalArgumentException("the search precision must be between 0 and 1 (e.g. 0.05), got " + precision);
    }
    if (repeats < 0) {
      throw new IllegalArgumentException("the repeats must be >= 0, got " + repeats);
    }
    if (maxSteps < repeats + 2) {
      throw new IllegalArgumentException(
          "the search needs at least repeats + 2 steps (a pass, a failure and the repeats): maxSteps " + maxSteps
              + " with " + repeats + " repeats");
    }
    if (!(ceiling >= start)) {
      throw new IllegalArgumentException("the ceiling " + ceiling + " is below the start " + start);
    }
    if (slo.isEmpty()) {
      throw new IllegalArgumentException("a capacity search needs SLO clauses, e.g. p99_ttft_ms<500;failed_ratio<0.01");
    }
    this.dimension = dimension;
    this.start = start;
    this.precision = precision;
    this.maxSteps = maxSteps;
    this.repeats = repeats;
    this.ceiling = ceiling;
    this.slo = List.copyOf(slo);
  }

  @Override
  public int maxSteps() {
    return maxSteps;
  }

  @Override
  public SearchDimension dimension() {
    return dimension;
  }

  @Override
  public Optional<PlannedStep> next(List<StepResult> done) {
    if (done.size() >= maxSteps) {
      return Optional.empty();
    }
    if (done.isEmpty()) {
      return step(start, StepPhase.BRACKET);
    }
    Bracket b = Bracket.of(done);
    if (Double.isNaN(b.high)) {
      return b.low >= ceiling ? Optional.empty() : step(Math.min(b.low * 2, ceiling), StepPhase.BRACKET);
    }
    if (Double.isNaN(b.low)) {
      double floor = dimension == SearchDimension.RATE ? start * RATE_FLOOR_FACTOR : 1;
      return b.high <= floor ? Optional.empty() : step(Math.max(b.high / 2, floor), StepPhase.BRACKET);
    }
    int stepsLeft = maxSteps - done.size();
    if (!narrowEnough(b) && stepsLeft - 1 >= repeats) {
      return step(between(b, done), StepPhase.NARROW);
    }
    if (b.runs(b.low) < repeats + 1) {
      return step(b.low, StepPhase.REPEAT);
    }
    return Optional.empty();
  }

  @Override
  public CapacityResult conclude(List<StepResult> done) {
    return new CapacityResult(CapacityResult.Mode.SEARCH, dimension, slo, done, capacity(done));
  }

  private Optional<PlannedStep> step(double load, StepPhase phase) {
    double value = dimension == SearchDimension.CONCURRENCY ? Math.max(1, Math.round(load)) : load;
    return Optional.of(new PlannedStep(dimension.load(value), phase));
  }

  private boolean narrowEnough(Bracket b) {
    return dimension == SearchDimension.CONCURRENCY ? b.high - b.low <= 1 : (b.high - b.low) / b.low <= precision;
  }

  /** The next load to try strictly inside the bracket (see the class comment). */
  private double between(Bracket b, List<StepResult> done) {
    double fraction = interpolatedFraction(last(done, b.low), last(done, b.high));
    double load = b.low * Math.pow(b.high / b.low, fraction);
    if (dimension == SearchDimension.CONCURRENCY) {
      return Math.max(b.low + 1, Math.min(b.high - 1, Math.round(load)));
    }
    return load;
  }

  /**
   * Where in the bracket (0 = low, 1 = high, on a log scale of the load) the clauses that broke at {@code high} are
   * interpolated to reach their thresholds; the earliest of them, kept within the middle half. The geometric middle
   * (0.5) when a margin is unusable or when a broken clause was still far from its threshold at {@code low} (under
   * {@link #FLAT_MARGIN}): latency stays flat and then shoots up near saturation, and a straight line through such a
   * hockey stick would land far too low.
   */
  private static double interpolatedFraction(StepResult atLow, StepResult atHigh) {
    if (atLow == null || atHigh == null || atLow.stoppedEarly() != null || atHigh.stoppedEarly() != null) {
      return 0.5;
    }
    double earliest = Double.NaN;
    for (int i = 0; i < atHigh.checks().size() && i < atLow.checks().size(); i++) {
      SummaryChecks.Result high = atHigh.checks().get(i);
      if (high.passed()) {
        continue;
      }
      double marginLow = margin(atLow.checks().get(i));
      double marginHigh = margin(high);
      if (!(marginLow >= FLAT_MARGIN && marginLow < 1 && marginHigh > 1)) {
        return 0.5;
      }
      double fraction = (1 - marginLow) / (marginHigh - marginLow);
      earliest = Double.isNaN(earliest) ? fraction : Math.min(earliest, fraction);
    }
    if (Double.isNaN(earliest)) {
      return 0.5;
    }
    return Math.max(INTERPOLATION_GUARD, Math.min(1 - INTERPOLATION_GUARD, earliest));
  }

  /**
   * How close a step came to its SLOs: the worst clause's margin ({@link #margin(SummaryChecks.Result)}); below 1
   * passes. NaN when it cannot be told (a step stopped early, or a clause without a usable margin).
   */
  static double margin(StepResult step) {
    if (step == null || step.stoppedEarly() != null) {
      return Double.NaN;
    }
    double worst = 0;
    for (SummaryChecks.Result r : step.checks()) {
      double m = margin(r);
      if (Double.isNaN(m)) {
        return Double.NaN;
      }
      worst = Math.max(worst, m);
    }
    return worst;
  }

  /**
   * One clause's actual value over its threshold ({@code <}, {@code <=}) or the reverse ({@code >}, {@code >=}):
   * below 1 holds. NaN for an equality, a threshold of 0 or a missing value.
   */
  static double margin(SummaryChecks.Result r) {
    double actual = r.actual();
    double threshold = r.check().threshold();
    return switch (r.check().operator()) {
      case LT, LE -> threshold > 0 && actual >= 0 ? actual / threshold : Double.NaN;
      case GT, GE -> threshold > 0 && actual > 0 ? threshold / actual : Double.NaN;
      case EQ -> Double.NaN;
    };
  }

  private static StepResult last(List<StepResult> done, double load) {
    StepResult found = null;
    for (StepResult s : done) {
      if (s.load().value() == load) {
        found = s;
      }
    }
    return found;
  }

  private CapacityResult.Capacity capacity(List<StepResult> done) {
    String unit = " " + dimension.unit();
    if (done.isEmpty()) {
      return new CapacityResult.Capacity(Double.NaN, Double.NaN, "no step ran", null, List.of());
    }
    Bracket b = Bracket.of(done);
    List<Double> flaky = b.flaky();
    if (Double.isNaN(b.low)) {
      return new CapacityResult.Capacity(
          Double.NaN, b.high,
          "capacity below " + StepLoad.number(b.high) + unit + ": every step failed, down to "
              + StepLoad.number(b.high) + unit + " (start lower: llm.searchStart)",
          null, flaky);
    }
    if (Double.isNaN(b.high)) {
      return new CapacityResult.Capacity(
          b.low, Double.NaN,
          "capacity at least " + StepLoad.number(b.low) + unit + ": no step failed up to "
              + StepLoad.number(b.low) + unit + (b.low >= ceiling ? " (the client's ceiling)" : "")
              + " (allow more steps, llm.searchMaxSteps, or start higher, llm.searchStart)",
          null, flaky);
    }
    StepResult atHigh = last(done, b.high);
    String broke =
        atHigh.stoppedEarly() != null
            ? "the step at " + StepLoad.number(b.high) + unit + " was stopped: " + atHigh.stoppedEarly()
            : atHigh.checks().stream()
                .filter(r -> !r.passed())
                .map(r -> r.check().toString())
                .collect(Collectors.joining(", ", "", " broke at " + StepLoad.number(b.high) + unit));
    double width = (b.high - b.low) / b.low;
    String verdict =
        String.format(
            Locale.ROOT,
            "capacity %s%s: passed at %s%s (%d run%s), failed at %s%s (%.1f %% higher, %d steps); %s",
            StepLoad.number(b.low), unit, StepLoad.number(b.low), unit, b.runs(b.low), b.runs(b.low) == 1 ? "" : "s",
            StepLoad.number(b.high), unit, width * 100, done.size(), broke);
    return new CapacityResult.Capacity(b.low, b.high, verdict, cliff(b, done), flaky);
  }

  /**
   * A cliff: the failing load is within {@link #CLIFF_LOAD_RATIO} of the passing one and every clause broke there at
   * once (with a single clause, its margin also jumped {@link #CLIFF_MARGIN_JUMP}-fold). A server that falls over
   * rather than degrading: run it well below the capacity.
   */
  private String cliff(Bracket b, List<StepResult> done) {
    if (b.high / b.low > CLIFF_LOAD_RATIO) {
      return null;
    }
    StepResult atLow = last(done, b.low);
    StepResult atHigh = last(done, b.high);
    String unit = " " + dimension.unit();
    String where =
        String.format(
            Locale.ROOT, "from %s to %s%s (+%.1f %%)", StepLoad.number(b.low), StepLoad.number(b.high), unit,
            (b.high / b.low - 1) * 100);
    // A step stopped early is judged on the requests it measured: its clauses say what broke as well.
    boolean allBroke = !atHigh.checks().isEmpty() && atHigh.checks().stream().noneMatch(SummaryChecks.Result::passed);
    if (!allBroke) {
      return null;
    }
    if (slo.size() == 1) {
      double jump = margin(atHigh.checks().get(0)) / margin(atLow.checks().get(0));
      if (!(jump >= CLIFF_MARGIN_JUMP)) {
        return null;
      }
      return String.format(Locale.ROOT, "cliff %s: %s went %.1f times further", where, slo.get(0), jump);
    }
    return "cliff " + where + ": every SLO clause broke at once";
  }

  /**
   * The bracket the judged steps show: {@code high} the lowest load with a failed run, {@code low} the highest load
   * below it whose every run passed; NaN for an end not found yet.
   */
  private record Bracket(double low, double high, TreeMap<Double, int[]> runs) {
    static Bracket of(List<StepResult> done) {
      TreeMap<Double, int[]> runs = new TreeMap<>(); // load -> {runs, failures}
      for (StepResult s : done) {
        int[] r = runs.computeIfAbsent(s.load().value(), k -> new int[2]);
        r[0]++;
        if (!s.passed()) {
          r[1]++;
        }
      }
      double high = Double.NaN;
      for (var e : runs.entrySet()) {
        if (e.getValue()[1] > 0) {
          high = e.getKey();
          break;
        }
      }
      double low = Double.NaN;
      for (var e : runs.descendingMap().entrySet()) {
        if (e.getValue()[1] == 0 && (Double.isNaN(high) || e.getKey() < high)) {
          low = e.getKey();
          break;
        }
      }
      return new Bracket(low, high, runs);
    }

    int runs(double load) {
      int[] r = runs.get(load);
      return r == null ? 0 : r[0];
    }

    /** Loads with both passing and failing runs. */
    List<Double> flaky() {
      List<Double> flaky = new ArrayList<>();
      runs.forEach((load, r) -> {
        if (r[1] > 0 && r[1] < r[0]) {
          flaky.add(load);
        }
      });
      return flaky;
    }
  }
}
