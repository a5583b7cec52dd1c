package io.github.gatlingllm.mock;

import java.util.SplittableRandom;

/** The configured latency formulas (see {@link MockConfig}), in nanoseconds. */
final class LatencyModel {
  private final long ttftNanos;
  private final double ttftPerPromptTokenNanos;
  private final long ttftPerImageNanos;
  private final long itlNanos;
  private final double itlPerActiveStreamNanos;
  private final long jitterNanos;

  LatencyModel(MockConfig.Latency config) {
    ttftNanos = nanos(config.ttftMs());
    ttftPerPromptTokenNanos = config.ttftPerPromptTokenMs() * 1e6;
    ttftPerImageNanos = nanos(config.ttftPerImageMs());
    itlNanos = nanos(config.itlMs());
    itlPerActiveStreamNanos = config.itlPerActiveStreamMs() * 1e6;
    jitterNanos = nanos(config.itlJitterMs());
  }

  long ttftNanos(int promptTokens, int images) {
    return ttftNanos + Math.round(ttftPerPromptTokenNanos * promptTokens) + ttftPerImageNanos * images;
  }

  /**
   * @param inFlight generation requests held by the server now, the caller's included
   * @param random the request's own generator: jitter is drawn only when configured, so that it does not shift
   *     other draws of a jitter-free configuration
   */
  long itlNanos(int inFlight, SplittableRandom random) {
    long itl = itlNanos + Math.round(itlPerActiveStreamNanos * inFlight);
    if (jitterNanos > 0) {
      itl += random.nextLong(-jitterNanos, jitterNanos + 1);
    }
    return Math.max(0, itl);
  }

  private static long nanos(double millis) {
    return Math.round(millis * 1e6);
  }
}
