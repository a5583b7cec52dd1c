package io.github.gatlingllm.suite.settings;

import io.github.gatlingllm.capacity.SearchDimension;
import io.github.gatlingllm.capacity.SweepPlan;
import io.github.gatlingllm.javaapi.CapacitySteps;
import io.github.gatlingllm.javaapi.LlmLoad;
import io.github.gatlingllm.report.SummaryCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * The knobs of the capacity search and the sweep: the serving benchmark's (server, dataset, arrivals' burstiness,
 * percentiles, {@code llm.assert}, ...) without its load ({@code llm.requestRate}, {@code llm.maxConcurrency},
 * {@code llm.numWarmups} and the ramp are what the search decides), plus the search's own.
 *
 * @param serving the serving benchmark's settings ({@code llm.numPrompts} is the number of prompts the steps cycle
 *     through)
 * @param slo the clauses each step is judged on ({@code llm.slo}); required for a search, optional for a sweep
 * @param sweep {@code llm.sweep} ({@code auto}, {@code rates:...}, {@code concurrency:...}), or empty for a search
 * @param sweepRates the interpolated rates of {@code llm.sweep=auto} ({@code llm.sweepRates})
 * @param dimension {@code llm.searchDimension}: rate (open model) or concurrency (closed model)
 * @param start {@code llm.searchStart}: the first step's load
 * @param precision {@code llm.searchPrecision}: the relative width at which narrowing stops
 * @param maxSteps {@code llm.searchMaxSteps}: the most steps, repeats included
 * @param repeats {@code llm.searchRepeats}: extra runs of the load nearest the boundary
 * @param stepDuration {@code llm.stepDuration}: each step's length (unless {@code llm.stepRequests} is set)
 * @param stepRequests {@code llm.stepRequests}: each step's requests, warm-ups included, or empty
 * @param warmUpShare {@code llm.stepWarmUp}: the share of each step that warms up, kept out of its figures
 * @param maxInFlight {@code llm.searchMaxInFlight}: the most requests in flight, hence the highest concurrency
 */
public record CapacitySettings(
    ServingSettings serving,
    List<SummaryCheck> slo,
    Optional<String> sweep,
    int sweepRates,
    SearchDimension dimension,
    double start,
    double precision,
    int maxSteps,
    int repeats,
    Duration stepDuration,
    OptionalInt stepRequests,
    double warmUpShare,
    int maxInFlight) {

  public static final String SLO = "llm.slo";
  public static final String SWEEP = "llm.sweep";
  public static final String SWEEP_RATES = "llm.sweepRates";
  public static final String SEARCH_DIMENSION = "llm.searchDimension";
  public static final String SEARCH_START = "llm.searchStart";
  public static final String SEARCH_PRECISION = "llm.searchPrecision";
  public static final String SEARCH_MAX_STEPS = "llm.searchMaxSteps";
  public static final String SEARCH_REPEATS = "llm.searchRepeats";
  public static final String SEARCH_MAX_IN_FLIGHT = "llm.searchMaxInFlight";
  public static final String STEP_DURATION = "llm.stepDuration";
  public static final String STEP_REQUESTS = "llm.stepRequests";
  public static final String STEP_WARM_UP = "llm.stepWarmUp";

  /** The serving benchmark's own load knobs, which the search decides instead. */
  private static final List<String> DECIDED_BY_THE_SEARCH =
      List.of(
          ServingSettings.REQUEST_RATE, ServingSettings.MAX_CONCURRENCY, ServingSettings.NUM_WARMUPS,
          RampUpSettings.PROPERTIES.get(0), RampUpSettings.PROPERTIES.get(1), RampUpSettings.PROPERTIES.get(2));

  public static final List<String> PROPERTIES = properties();

  private static List<String> properties() {
    List<String> all = new ArrayList<>(ServingSettings.PROPERTIES);
    all.removeAll(DECIDED_BY_THE_SEARCH);
    all.addAll(
        List.of(SLO, SWEEP, SWEEP_RATES, SEARCH_DIMENSION, SEARCH_START, SEARCH_PRECISION, SEARCH_MAX_STEPS,
            SEARCH_REPEATS, SEARCH_MAX_IN_FLIGHT, STEP_DURATION, STEP_REQUESTS, STEP_WARM_UP));
    return List.copyOf(all);
  }

  /** The system properties, over {@code defaults} (a simulation's own, e.g. for its demo against the mock). */
  public static CapacitySettings fromSystemProperties(Map<String, String> defaults) {
    Properties merged = new Properties();
    merged.putAll(defaults);
    merged.putAll(System.getProperties());
    return from(LlmProperties.of(merged, PROPERTIES));
  }

  public static CapacitySettings from(LlmProperties p) {
    // Each step's verdict needs the whole step's requests: a search is not split across injectors.
    ServingSettings serving = ServingSettings.from(p);
    serving.common().alone("the capacity search");
    Optional<String> sweep = p.optional(SWEEP);
    List<SummaryCheck> slo =
        p.parsed(SLO, SummaryCheck::parseAll, "clauses such as p99_ttft_ms<500;p99_tpot_ms<50;failed_ratio<0.01")
            .orElse(List.of());
    if (sweep.isEmpty() && slo.isEmpty()) {
      throw new IllegalArgumentException(
          "The capacity search needs its SLOs: -D" + SLO + "=\"p99_ttft_ms<500;p99_tpot_ms<50;failed_ratio<0.01\""
              + " (the clauses of llm.assert, judged on each step), or a sweep: -D" + SWEEP
              + "=auto|rates:1,2,4|concurrency:1,8,32");
    }
    int sweepRates = p.integer(SWEEP_RATES, 4, 1);
    sweep.ifPresent(
        s -> p.parsed(SWEEP, text -> SweepPlan.parse(text, sweepRates, slo),
            "auto, rates:<r1>,<r2>,... (req/s > 0) or concurrency:<c1>,<c2>,... (whole users >= 1)"));
    SearchDimension dimension =
        p.parsed(SEARCH_DIMENSION, SearchDimension::parse, "rate (open model) or concurrency (closed model)")
            .orElse(SearchDimension.RATE);
    OptionalInt stepRequests = p.optionalInteger(STEP_REQUESTS, 1);
    if (stepRequests.isPresent() && p.optional(STEP_DURATION).isPresent()) {
      throw new IllegalArgumentException(
          "Set " + STEP_DURATION + " or " + STEP_REQUESTS + ", not both: a step is a duration or a number of requests");
    }
    return new CapacitySettings(
        serving,
        slo,
        sweep,
        sweepRates,
        dimension,
        p.number(SEARCH_START, 1, 0, false),
        p.number(SEARCH_PRECISION, 0.05, 0, false, 1),
        p.integer(SEARCH_MAX_STEPS, 12, 2),
        p.integer(SEARCH_REPEATS, 1, 0),
        p.positiveDuration(STEP_DURATION, Duration.ofSeconds(30)),
        stepRequests,
        p.number(STEP_WARM_UP, 0.2, 0, true, 0.9),
        p.integer(SEARCH_MAX_IN_FLIGHT, CapacitySteps.DEFAULT_MAX_IN_FLIGHT, 1));
  }

  /** The search (or sweep) these settings describe, before its records and request. */
  public CapacitySteps steps() {
    CapacitySteps steps =
        sweep.isPresent()
            ? LlmLoad.sweep(sweep.get()).slo(slo).sweepRates(sweepRates)
            : LlmLoad.capacitySearch(String.join(";", slo.stream().map(SummaryCheck::toString).toList()));
    steps = dimension == SearchDimension.CONCURRENCY ? steps.concurrency() : steps.rate();
    steps =
        steps
            .start(start)
            .precision(precision)
            .maxSteps(maxSteps)
            .repeats(repeats)
            .warmUpShare(warmUpShare)
            .burstiness(serving.burstiness())
            .seed(serving.common().seed())
            .maxInFlight(maxInFlight);
    return stepRequests.isPresent() ? steps.stepRequests(stepRequests.getAsInt()) : steps.stepDuration(stepDuration);
  }

  /** What the console says about the search before it starts. */
  public String describe() {
    String size =
        stepRequests.isPresent() ? stepRequests.getAsInt() + " requests" : stepDuration.toMillis() / 1000.0 + " s";
    if (sweep.isPresent()) {
      return "Sweep " + sweep.get() + ": steps of " + size + (slo.isEmpty() ? "" : ", judged on " + slo);
    }
    return String.format(
        java.util.Locale.ROOT,
        "Capacity search by %s from %s %s: SLOs %s, steps of %s (%.0f %% warm-up), precision %.0f %%, at most %d"
            + " steps (%d repeat%s)",
        dimension.id(), start, dimension.unit(), slo, size, warmUpShare * 100, precision * 100, maxSteps, repeats,
        repeats == 1 ? "" : "s");
  }
}
