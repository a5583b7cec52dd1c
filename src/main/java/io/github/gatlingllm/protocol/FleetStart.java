package io.github.gatlingllm.protocol;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The wait for the instant a fleet's injectors start their load together ({@code startAt} on the protocol,
 * {@code llm.startAt}). JVMs started at once still get ready seconds apart (class loading, tokenizer, prompts, the
 * client warm-up on shared cores), and a fleet whose injectors start seconds apart spreads the run's load over a
 * longer time than one generator would. The run waits once the client is warm, just before Gatling injects the first
 * user; an injector ready only after the instant starts at once and says how late it is. As good as the injectors'
 * clocks (NTP).
 */
final class FleetStart {
  private FleetStart() {}

  /** Blocks until {@code startAt} (at once when it has passed, with a line on {@code out} saying how late). */
  static void await(Instant startAt, Clock clock, PrintStream out) {
    Duration wait = Duration.between(clock.instant(), startAt);
    if (wait.isNegative()) {
      out.printf(
          Locale.ROOT, "startAt %s passed %.3f s ago: starting the load now, late on the fleet%n", startAt,
          -wait.toMillis() / 1000.0);
      return;
    }
    out.printf(Locale.ROOT, "Waiting %.3f s for startAt %s%n", wait.toMillis() / 1000.0, startAt);
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for startAt " + startAt, e);
    }
  }
}
