package io.github.gatlingllm.report.chart;

import io.github.gatlingllm.metrics.RequestRecord;
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
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (RequestRecord r : records) {
      long intended = r.intendedNanos();
      if (intended != RequestRecord.NONE) {
        start = Math.min(start, intended);
      }
      long e = endOf(r);
      if (e != RequestRecord.NONE) {
        end = Math.max(end, e);
      }
    }
    if (start == Long.MAX_VALUE || end == Long.MIN_VALUE || end < start) {
      return new TimeBuckets(0, SECOND, 1);
    }
    long span = end - start;
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

  /**
   * When a request stopped occupying the client and server: the end of its stream, else its last chunk, else its
   * send (the same rule as the summary's duration).
   */
  public static long endOf(RequestRecord r) {
    if (r.endNanos() != RequestRecord.NONE) {
      return r.endNanos();
    }
    if (r.lastChunkNanos() != RequestRecord.NONE) {
      return r.lastChunkNanos();
    }
    return r.sendNanos();
  }
}
