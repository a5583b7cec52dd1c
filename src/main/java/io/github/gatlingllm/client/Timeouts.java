package io.github.gatlingllm.client;

import java.time.Duration;

/**
 * The request timeouts of {@link ClientSettings} in nanoseconds, converted once per client; 0 means disabled.
 */
record Timeouts(long firstTokenNanos, long idleNanos, long totalNanos) {

  static Timeouts of(ClientSettings settings) {
    return new Timeouts(
        nanos(settings.firstTokenTimeout()), nanos(settings.idleTimeout()), nanos(settings.totalTimeout()));
  }

  private static long nanos(Duration d) {
    return d == null || d.isNegative() || d.isZero() ? 0 : d.toNanos();
  }
}
