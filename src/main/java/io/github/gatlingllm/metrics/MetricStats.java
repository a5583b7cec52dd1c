package io.github.gatlingllm.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The published statistics of one latency metric (TTFT, TPOT, ITL, E2EL, ...), in milliseconds: what vLLM saves as
 * {@code mean_<m>_ms}, {@code median_<m>_ms}, {@code std_<m>_ms} and {@code p<P>_<m>_ms}.
 *
 * @param count number of samples (0 means every value is 0)
 * @param percentiles one entry per requested percentile, in the requested order
 * @param exact whether the figures come from the raw values; false: percentiles from a histogram, within
 *     {@link Distribution#HISTOGRAM_RELATIVE_ERROR} (mean, std, min and max stay exact)
 */
public record MetricStats(long count, double meanMs, double medianMs, double stdMs, double minMs, double maxMs,
    List<PercentileValue> percentiles, boolean exact) {

  /** Statistics from the raw values. */
  public MetricStats(long count, double meanMs, double medianMs, double stdMs, double minMs, double maxMs,
      List<PercentileValue> percentiles) {
    this(count, meanMs, medianMs, stdMs, minMs, maxMs, percentiles, true);
  }

  public MetricStats {
    percentiles = List.copyOf(percentiles);
  }

  /** Summarizes a distribution at the given percentiles. */
  public static MetricStats of(Distribution d, List<Double> requestedPercentiles) {
    List<PercentileValue> values = new ArrayList<>(requestedPercentiles.size());
    for (double p : requestedPercentiles) {
      values.add(new PercentileValue(p, d.percentile(p)));
    }
    return new MetricStats(d.count(), d.mean(), d.median(), d.std(), d.min(), d.max(), values, d.exact());
  }

  /** The value of a requested percentile. */
  public double percentile(double p) {
    for (PercentileValue v : percentiles) {
      if (Double.compare(v.percentile(), p) == 0) {
        return v.valueMs();
      }
    }
    throw new IllegalArgumentException("Percentile " + p + " was not requested; requested: " + percentiles);
  }
}
