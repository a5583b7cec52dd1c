package io.github.gatlingllm.capacity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The keys a capacity search adds to {@code llm-summary.json}, so that {@code llm.assert} can gate a CI job on the
 * capacity itself ({@code capacity_rps>=8}). Known before the run, when the checks are validated.
 */
public final class CapacityFacts {
  /** The highest request rate found within the SLOs (the interval's low end), req/s. */
  public static final String CAPACITY_RPS = "capacity_rps";
  /** The highest concurrency found within the SLOs (the interval's low end), users. */
  public static final String CAPACITY_CONCURRENCY = "capacity_concurrency";
  /** The interval's ends: the highest load that passed every time, the lowest that failed. */
  public static final String CAPACITY_LOW = "capacity_low";
  public static final String CAPACITY_HIGH = "capacity_high";
  /** (high - low) / low. */
  public static final String CAPACITY_RELATIVE_WIDTH = "capacity_relative_width";
  /** Steps the search or sweep ran. */
  public static final String CAPACITY_STEPS = "capacity_steps";

  public static final Set<String> KEYS =
      Set.of(CAPACITY_RPS, CAPACITY_CONCURRENCY, CAPACITY_LOW, CAPACITY_HIGH, CAPACITY_RELATIVE_WIDTH, CAPACITY_STEPS);

  private CapacityFacts() {}

  /** The keys with finite values only: a capacity not found leaves its key out, so a check on it fails. */
  public static Map<String, Object> of(CapacityResult result) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put(CAPACITY_STEPS, result.steps().size());
    CapacityResult.Capacity c = result.capacity();
    if (c == null) {
      return facts;
    }
    putFinite(facts, result.dimension() == SearchDimension.RATE ? CAPACITY_RPS : CAPACITY_CONCURRENCY, c.low());
    putFinite(facts, CAPACITY_LOW, c.low());
    putFinite(facts, CAPACITY_HIGH, c.high());
    putFinite(facts, CAPACITY_RELATIVE_WIDTH, c.relativeWidth());
    return facts;
  }

  private static void putFinite(Map<String, Object> facts, String key, double value) {
    if (Double.isFinite(value)) {
      facts.put(key, value);
    }
  }
}
