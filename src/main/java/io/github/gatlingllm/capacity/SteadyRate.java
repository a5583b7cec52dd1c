package io.github.gatlingllm.capacity;

/**
 * The rate at which requests complete inside a step's steady window, as the slope of a least-squares line through the
 * cumulative count of completions against their times. Counting completions over the window's length would be off
 * by up to one batch: a server that runs its batch in lockstep completes requests in waves (8 slots finishing
 * together every service time), and whether a window holds 8 or 9 waves moves the count by 12 %. The slope through
 * every completion does not depend on where the window cuts the waves. Fixed memory: five sums and the first and last times.
 *
 * <p>Thread-safe: completions come from Gatling's threads; the lock only guards a few additions.
 */
final class SteadyRate {
  /** Below this many completions the slope says little: no rate. */
  static final int MIN_COMPLETIONS = 3;

  private final long originNanos;
  private long count;
  private double sumT;
  private double sumTT;
  private double sumK;
  private double sumTK;
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;

  /** @param originNanos any nanoTime before the first completion (the sums are kept relative to it, in seconds) */
  SteadyRate(long originNanos) {
    this.originNanos = originNanos;
  }

  /** One request completed at {@code nanos}. */
  synchronized void add(long nanos) {
    first = Math.min(first, nanos);
    last = Math.max(last, nanos);
    double t = (nanos - originNanos) / 1e9;
    double k = ++count;
    sumT += t;
    sumTT += t * t;
    sumK += k;
    sumTK += t * k;
  }

  /** Completions per second; NaN with fewer than {@link #MIN_COMPLETIONS} or all at one instant. */
  synchronized double perSecond() {
    if (count < MIN_COMPLETIONS || first == last) {
      return Double.NaN; // too few, or one instant: a variance of rounding errors would give any slope
    }
    double n = count;
    double varT = sumTT - sumT * sumT / n;
    if (!(varT > 0)) {
      return Double.NaN;
    }
    return (sumTK - sumT * sumK / n) / varT;
  }
}
