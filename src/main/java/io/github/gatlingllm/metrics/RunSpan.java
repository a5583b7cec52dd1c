package io.github.gatlingllm.metrics;

import java.util.List;

/**
 * The time a run covered: from the first request's intended start (the first dispatch) to the latest end of any
 * request, failed ones included (docs/metrics.md, {@code duration}).
 *
 * @param startNanos the first intended start
 * @param endNanos the latest end
 */
public record RunSpan(long startNanos, long endNanos) {
  /** A run with no timed request. */
  public static final RunSpan EMPTY = new RunSpan(0, 0);

  /** From the earliest start and latest end seen ({@link Long#MAX_VALUE} / {@link Long#MIN_VALUE}: none). */
  public static RunSpan between(long earliestStart, long latestEnd) {
    if (earliestStart == Long.MAX_VALUE || latestEnd == Long.MIN_VALUE || latestEnd < earliestStart) {
      return EMPTY;
    }
    return new RunSpan(earliestStart, latestEnd);
  }

  public static RunSpan of(List<RequestRecord> records) {
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (RequestRecord r : records) {
      long intended = r.intendedNanos();
      if (intended != RequestRecord.NONE) {
        start = Math.min(start, intended);
      }
      long last = r.lastActivityNanos();
      if (last != RequestRecord.NONE) {
        end = Math.max(end, last);
      }
    }
    return between(start, end);
  }

  public boolean isEmpty() {
    return this.equals(EMPTY);
  }

  public double seconds() {
    return (endNanos - startNanos) / 1e9;
  }
}
