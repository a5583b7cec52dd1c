package io.github.gatlingllm.report.chart;

import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RunSpan;
import java.util.List;

/**
 * The time axis shared by the "over time" charts: buckets of whole seconds from the run's first intended start (the
 * summary's origin) to the last end. One second each, widened to the fewest whole seconds when the
 * run lasts {@link #MAX_BUCKETS} seconds or more, so that no series has more than that many points.
 *
 * @param origin {@link System#nanoTime()} of the start of bucket 0
 * @param widthNanos bucket width in ns (a whole number of seconds)
 * @param count number of buckets (at least 1)
 */
public record TimeBuckets(long origin, long widthNanos, int count) {
  public static final int MAX_BUCKETS = 1000;
  static final long SECOND = 1_000_000_000L;

  /** The axis covering {@code records}; one empty bucket at 0 when no record has a time. */
  public static TimeBuckets of(List<RequestRecord> records) {
    RunSpan run = RunSpan.of(records);
    if (run.isEmpty()) {
      return new TimeBuckets(0, SECOND, 1);
    }
    long start = run.startNanos();
    long span = run.endNanos() - start;
    // The smallest whole number of seconds with span / width < MAX_BUCKETS, so that span / width + 1 <= MAX_BUCKETS.
    long width = (span / (MAX_BUCKETS * SECOND) + 1) * SECOND;
    return new TimeBuckets(start, width, (int) (span / width + 1));
  }

  /** The bucket holding time {@code t}, clamped to the axis. */
  public int index(long t) {
    long i = Math.floorDiv(t - origin, widthNanos);
    return (int) Math.max(0, Math.min(count - 1, i));
  }

  public long bucketStart(int i) {
    return origin + i * widthNanos;
  }

  public double widthSeconds() {
    return (double) widthNanos / SECOND;
  }
}
