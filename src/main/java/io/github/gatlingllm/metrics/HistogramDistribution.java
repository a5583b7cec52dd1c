package io.github.gatlingllm.metrics;

import java.util.Arrays;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A {@link Distribution} read off an HdrHistogram of nanosecond values, for metrics with more samples than the exact
 * store keeps. Mean, standard deviation, minimum and maximum come from running sums over the raw values, so they are
 * exact; a value of any other rank is its bucket's middle, within {@link Distribution#HISTOGRAM_RELATIVE_ERROR} of the
 * raw value (HdrHistogram with 3 significant digits), and percentiles interpolate between those as numpy does.
 */
final class HistogramDistribution extends Distribution {
  /** Each recorded bucket's middle value in ms, increasing. */
  private final double[] bucketMs;
  /** How many samples lie in buckets 0..i. */
  private final long[] cumulative;

  HistogramDistribution(Histogram histogram, double mean, double std, double min, double max) {
    super(histogram.getTotalCount(), mean, std, min, max);
    double[] values = new double[16];
    long[] counts = new long[16];
    int n = 0;
    long total = 0;
    for (HistogramIterationValue v : histogram.recordedValues()) {
      if (n == values.length) {
        values = Arrays.copyOf(values, n * 2);
        counts = Arrays.copyOf(counts, n * 2);
      }
      double middleMs = histogram.medianEquivalentValue(v.getValueIteratedTo()) / 1e6;
      // A bucket's middle may lie just outside the exact extremes: keep every value within them.
      values[n] = Math.max(min, Math.min(max, middleMs));
      total += v.getCountAtValueIteratedTo();
      counts[n] = total;
      n++;
    }
    this.bucketMs = Arrays.copyOf(values, n);
    this.cumulative = Arrays.copyOf(counts, n);
  }

  @Override
  public boolean exact() {
    return false;
  }

  @Override
  double valueAtRank(long k) {
    if (k == 0) {
      return min();
    }
    if (k == count() - 1) {
      return max();
    }
    // The first bucket whose cumulative count exceeds k holds the value of rank k.
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > k) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return bucketMs[lo];
  }

  @Override
  public void forEachValue(ValueCount consumer) {
    long previous = 0;
    for (int i = 0; i < bucketMs.length; i++) {
      consumer.accept(bucketMs[i], cumulative[i] - previous);
      previous = cumulative[i];
    }
  }
}
