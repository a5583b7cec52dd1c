package io.github.gatlingllm.metrics;

import java.util.Arrays;

/**
 * Statistics of one metric's samples in milliseconds, computed like numpy does in vLLM's {@code calculate_metrics}:
 * {@code np.mean}, {@code np.median}, {@code np.std} (population, ddof=0) and {@code np.percentile} with its default
 * linear interpolation. An empty distribution reports 0 everywhere (vLLM uses {@code np.mean(values or 0)}), never NaN.
 *
 * <p>Two kinds exist. An exact one over the raw values (sorted once, in a primitive array): every figure is what numpy
 * gives, to the last bit. And one over an HdrHistogram ({@link HistogramDistribution}), for metrics with more samples
 * than are cheap to keep (the pooled ITL of a long run): its mean, standard deviation, minimum and maximum are still
 * exact, and its percentiles are within {@link #HISTOGRAM_RELATIVE_ERROR} of the exact ones. {@link #exact()} says
 * which one a summary holds.
 */
public abstract class Distribution {
  /**
   * Bound on the relative error of a histogram-backed percentile (3 significant digits: each bucket spans at most
   * 1/1024 of its values, and a value is reported as its bucket's middle).
   */
  public static final double HISTOGRAM_RELATIVE_ERROR = 0.001;

  private static final Distribution EMPTY = Exact.of(new double[0]);

  private final long count;
  private final double mean;
  private final double std;
  private final double min;
  private final double max;

  /** The figures every kind computes from the raw values (a histogram keeps them as running sums). */
  Distribution(long count, double mean, double std, double min, double max) {
    this.count = count;
    this.mean = count == 0 ? 0 : mean;
    this.std = count == 0 ? 0 : std;
    this.min = count == 0 ? 0 : min;
    this.max = count == 0 ? 0 : max;
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
    return Exact.of(millis);
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

  public final long count() {
    return count;
  }

  public final double mean() {
    return mean;
  }

  /** Population standard deviation (numpy's default ddof=0). */
  public final double std() {
    return std;
  }

  public final double min() {
    return min;
  }

  public final double max() {
    return max;
  }

  /** Whether every figure comes from the raw values (false: percentiles from a histogram, see the class comment). */
  public abstract boolean exact();

  /**
   * The p-th percentile, 0 <= p <= 100, with numpy's default "linear" method: the virtual index is
   * {@code h = (p / 100) * (n - 1)} and the result interpolates between the sorted values at floor(h) and floor(h)+1.
   */
  public final double percentile(double p) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("Percentile must be between 0 and 100, got " + p);
    }
    long n = count();
    if (n == 0) {
      return 0;
    }
    // Same operation order as numpy (q = p / 100, then q * (n - 1)) so that results match to the last bit.
    double h = (p / 100.0) * (n - 1);
    long lo = (long) Math.floor(h);
    if (lo >= n - 1) {
      return valueAtRank(n - 1);
    }
    double t = h - lo;
    double a = valueAtRank(lo);
    double b = valueAtRank(lo + 1);
    // numpy's _lerp: a + (b - a) * t, computed from the nearer end to stay monotonic and exact at t = 1.
    double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }

  /** The median: the middle value, or the mean of the two middle values ({@code np.median}). */
  public final double median() {
    long n = count();
    if (n == 0) {
      return 0;
    }
    long mid = n / 2;
    return n % 2 == 1 ? valueAtRank(mid) : (valueAtRank(mid - 1) + valueAtRank(mid)) / 2;
  }

  /** The value of rank {@code k} (0 = smallest) in sorted order; 0 <= k < count. */
  abstract double valueAtRank(long k);

  /**
   * Every value with its multiplicity, in increasing order: each raw value once (count 1) for an exact distribution,
   * each histogram bucket's representative value with its count otherwise. For charts.
   */
  public abstract void forEachValue(ValueCount consumer);

  /** Receives a value (ms) and how many samples have it. */
  @FunctionalInterface
  public interface ValueCount {
    void accept(double valueMs, long count);
  }

  /** Over the raw values, kept sorted. */
  private static final class Exact extends Distribution {
    private final double[] sorted;

    private Exact(double[] sortedValues, double mean) {
      super(sortedValues.length, mean, std(sortedValues, mean), first(sortedValues), last(sortedValues));
      this.sorted = sortedValues;
    }

    static Exact of(double[] sortedValues) {
      return new Exact(sortedValues, mean(sortedValues));
    }

    private static double mean(double[] values) {
      double sum = 0;
      for (double v : values) {
        sum += v;
      }
      return values.length == 0 ? 0 : sum / values.length;
    }

    /** Two passes, as numpy does: the mean first, then the squared deviations from it. */
    private static double std(double[] values, double mean) {
      double squares = 0;
      for (double v : values) {
        double d = v - mean;
        squares += d * d;
      }
      return values.length == 0 ? 0 : Math.sqrt(squares / values.length);
    }

    private static double first(double[] sorted) {
      return sorted.length == 0 ? 0 : sorted[0];
    }

    private static double last(double[] sorted) {
      return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    @Override
    public boolean exact() {
      return true;
    }

    @Override
    double valueAtRank(long k) {
      return sorted[(int) k];
    }

    @Override
    public void forEachValue(ValueCount consumer) {
      for (double v : sorted) {
        consumer.accept(v, 1);
      }
    }
  }
}
