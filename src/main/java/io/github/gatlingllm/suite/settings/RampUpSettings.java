package io.github.gatlingllm.suite.settings;

import io.github.gatlingllm.javaapi.RampUp;
import java.util.List;
import java.util.Optional;

/**
 * vLLM's ramp-up flags as properties: {@code llm.rampUpStrategy} (linear or exponential), {@code llm.rampUpStartRps},
 * {@code llm.rampUpEndRps}. With vLLM's rules: a strategy needs both rates, the rates need a strategy, the start is
 * not above the end, and a ramp replaces {@code llm.requestRate} (which must then stay unset or {@code inf}).
 */
public final class RampUpSettings {
  public static final List<String> PROPERTIES =
      List.of("llm.rampUpStrategy", "llm.rampUpStartRps", "llm.rampUpEndRps");

  private RampUpSettings() {}

  /** The ramp, or empty when {@code llm.rampUpStrategy} is unset; {@code requestRate} is the parsed rate. */
  public static Optional<RampUp> from(LlmProperties p, double requestRate) {
    Optional<String> strategy = p.optional("llm.rampUpStrategy");
    boolean start = p.optional("llm.rampUpStartRps").isPresent();
    boolean end = p.optional("llm.rampUpEndRps").isPresent();
    if (strategy.isEmpty()) {
      if (start || end) {
        throw new IllegalArgumentException(
            "llm.rampUpStartRps and llm.rampUpEndRps need llm.rampUpStrategy (linear or exponential)");
      }
      return Optional.empty();
    }
    RampUp.Strategy parsed = RampUp.Strategy.valueOf(
        p.choice("llm.rampUpStrategy", "linear", List.of("linear", "exponential")).toUpperCase(java.util.Locale.ROOT));
    if (!start || !end) {
      throw new IllegalArgumentException(
          "llm.rampUpStrategy=" + strategy.get() + " needs both llm.rampUpStartRps and llm.rampUpEndRps");
    }
    if (!Double.isInfinite(requestRate)) {
      throw new IllegalArgumentException(
          "llm.rampUpStrategy sets the request rate itself: remove llm.requestRate (got " + requestRate + ")");
    }
    double startRps = p.number("llm.rampUpStartRps", 0, 0, false);
    double endRps = p.number("llm.rampUpEndRps", 0, 0, false);
    if (startRps > endRps) {
      throw new IllegalArgumentException(
          "llm.rampUpStartRps (" + startRps + ") must not be above llm.rampUpEndRps (" + endRps + ")");
    }
    return Optional.of(new RampUp(parsed, startRps, endRps));
  }
}
