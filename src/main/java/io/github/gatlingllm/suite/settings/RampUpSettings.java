package io.github.gatlingllm.suite.settings;

import io.github.gatlingllm.metrics.RampUp;
import java.util.List;
import java.util.Optional;

/**
 * vLLM's ramp-up flags as properties: {@code llm.rampUpStrategy} (linear or exponential), {@code llm.rampUpStartRps},
 * {@code llm.rampUpEndRps}. With vLLM's rules: a strategy needs both rates, the rates need a strategy, the start is
 * not above the end, and a ramp replaces {@code llm.requestRate} (which must then stay unset or {@code inf}).
 */
public final class RampUpSettings {
  public static final String STRATEGY = "llm.rampUpStrategy";
  public static final String START_RPS = "llm.rampUpStartRps";
  public static final String END_RPS = "llm.rampUpEndRps";
  public static final List<String> PROPERTIES = List.of(STRATEGY, START_RPS, END_RPS);

  private RampUpSettings() {}

  /** The ramp, or empty when {@code llm.rampUpStrategy} is unset; {@code requestRate} is the parsed rate. */
  public static Optional<RampUp> from(LlmProperties p, double requestRate) {
    Optional<String> strategy = p.optional(STRATEGY);
    boolean start = p.optional(START_RPS).isPresent();
    boolean end = p.optional(END_RPS).isPresent();
    if (strategy.isEmpty()) {
      if (start || end) {
        throw new IllegalArgumentException(
            START_RPS + " and " + END_RPS + " need " + STRATEGY + " (linear or exponential)");
      }
      return Optional.empty();
    }
    RampUp.Strategy parsed = RampUp.Strategy.valueOf(
        p.choice(STRATEGY, "linear", List.of("linear", "exponential")).toUpperCase(java.util.Locale.ROOT));
    if (!start || !end) {
      throw new IllegalArgumentException(
          STRATEGY + "=" + strategy.get() + " needs both " + START_RPS + " and " + END_RPS);
    }
    if (!Double.isInfinite(requestRate)) {
      throw new IllegalArgumentException(
          STRATEGY + " sets the request rate itself: remove " + ServingSettings.REQUEST_RATE + " (got " + requestRate + ")");
    }
    double startRps = p.number(START_RPS, 0, 0, false);
    double endRps = p.number(END_RPS, 0, 0, false);
    if (startRps > endRps) {
      throw new IllegalArgumentException(
          START_RPS + " (" + startRps + ") must not be above " + END_RPS + " (" + endRps + ")");
    }
    return Optional.of(new RampUp(parsed, startRps, endRps));
  }
}
