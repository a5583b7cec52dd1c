package io.github.gatlingllm.health;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The lag of one event loop, fed by a task that runs every {@code period} on it ({@link LoopLagProbe}): each run
 * records how late it is (actual minus intended time), and the next run is intended one period after this actual
 * run, not after the previous intended time. So a loop blocked for 200 ms gives one 200 ms sample whose interval
 * {@code [intended, actual]} is the stall, rather than twenty catch-up runs that would each look on time.
 *
 * <p>Written by the loop's own thread only ({@link #tick}); read by the sampler ({@link #intervalLags}) and by the
 * judge of requests ({@link #knownUntil}). Lags are kept in an HdrHistogram with 2 significant digits (values within
 * 1 %), from 1 µs to 1 h; a longer lag is recorded as 1 h.
 */
final class LoopLag {
  static final long HIGHEST_NANOS = 3_600_000_000_000L;
  private final long periodNanos;
  private final long thresholdNanos;
  private final StallLog stalls;
  private final SingleWriterRecorder lags = new SingleWriterRecorder(1_000, HIGHEST_NANOS, 2);
  private Histogram interval;
  private long intendedNanos;
  /** Every stall of this loop that begins before this time has been published. */
  private volatile long knownUntil;

  LoopLag(long periodNanos, long thresholdNanos, StallLog stalls, long startNanos) {
    this.periodNanos = periodNanos;
    this.thresholdNanos = thresholdNanos;
    this.stalls = stalls;
    this.intendedNanos = startNanos + periodNanos;
    this.knownUntil = intendedNanos;
  }

  /** The probe ran at {@code actualNanos}; returns the delay until its next intended run. */
  long tick(long actualNanos) {
    long lag = Math.max(0, actualNanos - intendedNanos);
    lags.recordValue(Math.min(lag, HIGHEST_NANOS));
    if (lag > thresholdNanos) {
      stalls.publish(new Stall(Stall.Cause.LAG, intendedNanos, actualNanos));
    }
    intendedNanos = actualNanos + periodNanos;
    // After the publication: a reader that sees this time also sees the stall above (volatile write/read order).
    knownUntil = intendedNanos;
    return periodNanos;
  }

  /**
   * Every stall of this loop beginning before the returned time has been published: the next unknown stall can only
   * begin at the next intended run (the loop may be blocked right now, past that time, which is why this lags).
   */
  long knownUntil() {
    return knownUntil;
  }

  /**
   * The lags recorded since the previous call, in a histogram this object reuses (valid until the next call).
   * Sampler thread only.
   */
  Histogram intervalLags() {
    interval = lags.getIntervalHistogram(interval);
    return interval;
  }
}
