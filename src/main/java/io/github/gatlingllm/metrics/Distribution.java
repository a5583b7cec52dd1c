package io.github.gatlingllm.metrics;

import java.util.Arrays;

/**
 * Exact statistics over raw samples in milliseconds, computed like numpy does in vLLM's {@code calculate_metrics}:
 * {@code np.mean}, {@code np.median}, {@code np.std} (population, ddof=0) and {@code np.percentile} with its default
 * linear interpolation. An empty distribution reports 0 everywhere (vLLM uses {@code np.mean(values or 0)}), never NaN.
 *
 * <p>The values are sorted once, in a primitive array, so that millions of ITL samples cost one {@code Arrays.sort}.
 */
public final class Distribution {
  private static final Distribution EMPTY = new Distribution(new double[0]);

  private final double[] sorted;
  private final double mean;
  private final double std;

  private Distribution(double[] sortedValues) {
    this.sorted = sortedValues;
    int n = sortedValues.length;
    if (n == 0) {
      this.mean = 0;
      this.std = 0;
      return;
    }
    double sum = 0;
    for (double v : sortedValues) {
      sum += v;
    }
    double m = sum / n;
    // Two passes, as numpy does: the mean first, then the squared deviations from it.
    double squares = 0;
    for (double v : sortedValues) {
      double d = v - m;
      squares += d * d;
    }
    this.mean = m;
    this.std = Math.sqrt(squares / n);
  }

  /**
   * A distribution over values in milliseconds. Takes ownership of the array: it is sorted in place and kept, so
   * callers with millions of values pay for no copy.
   */
  public static Distribution ofMillisOwned(double[] millis) {
    if (millis.length == 0) {
      return EMPTY;
    }
    Arrays.sort(millis);
    return new Distribution(millis);
  }

  /** A distribution over a copy of values in milliseconds. */
  public static Distribution ofMillis(double... millis) {
    return ofMillisOwned(millis.clone());
  }

  /** A distribution over nanosecond values, converted to milliseconds. */
  public static Distribution ofNanos(long... nanos) {
    double[] millis = new double[nanos.length];
    for (int i = 0; i < nanos.length; i++) {
      millis[i] = nanos[i] / 1e6;
    }
    return ofMillisOwned(millis);
  }

  public static Distribution empty() {
    return EMPTY;
  }

  public int count() {
    return sorted.length;
  }

  public double mean() {
    return mean;
  }

  /** Population standard deviation (numpy's default ddof=0). */
  public double std() {
    return std;
  }

  /** The median: the middle value, or the mean of the two middle values. */
  public double median() {
    int n = sorted.length;
    if (n == 0) {
      return 0;
    }
    int mid = n / 2;
    return n % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  public double min() {
    return sorted.length == 0 ? 0 : sorted[0];
  }

  public double max() {
    return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
  }

  /**
   * The p-th percentile, 0 <= p <= 100, with numpy's default "linear" method: the virtual index is
   * {@code h = (p / 100) * (n - 1)} and the result interpolates between the sorted values at floor(h) and floor(h)+1.
   */
  public double percentile(double p) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("Percentile must be between 0 and 100, got " + p);
    }
    int n = sorted.length;
    if (n == 0) {
      return 0;
    }
    // Same operation order as numpy (q = p / 100, then q * (n - 1)) so that results match to the last bit.
    double h = (p / 100.0) * (n - 1);
    int lo = (int) Math.floor(h);
    if (lo >= n - 1) {
      return sorted[n - 1];
    }
    double t = h - lo;
    double a = sorted[lo];
    double b = sorted[lo + 1];
    // numpy's _lerp: a + (b - a) * t, computed from the nearer end to stay monotonic and exact at t = 1.
    double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }
}
