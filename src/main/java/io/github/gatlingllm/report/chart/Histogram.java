package io.github.gatlingllm.report.chart;

import io.github.gatlingllm.metrics.Distribution;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Equal-width bins over sorted samples, for a distribution chart.
 *
 * <p>The bin width is a round number (1, 2 or 5 times a power of ten, at least 1 µs) giving at most
 * {@link #MAX_BINS} bins, so axis labels read well and the page stays small whatever the sample count. The bins span
 * the minimum to the maximum, except when the maximum lies beyond twice the P99.9: then they stop at the P99.9 and
 * the samples above are only counted ({@code above}), because one stall would otherwise squash every other bin into
 * the first column.
 *
 * @param start lower edge of the first bin (ms), a multiple of {@code width}
 * @param width bin width (ms)
 * @param counts samples per bin; bin {@code i} holds values in {@code [start + i*width, start + (i+1)*width)}
 * @param above samples beyond {@code hi}, not in any bin
 * @param hi the largest value binned (the maximum, or the P99.9 when cut)
 * @param max the largest sample
 * @param n number of samples
 */
public record Histogram(double start, double width, long[] counts, long above, double hi, double max, long n) {
  public static final int MAX_BINS = 60;
  static final double MIN_WIDTH = 0.001;

  public static Histogram of(double[] sorted) {
    return of(Distribution.ofMillis(sorted));
  }

  /**
   * Over a distribution's values: the raw ones when it is exact, else its histogram buckets (each bucket's count in
   * the bin of its middle value, which is within 0.1 % of every value it holds).
   */
  public static Histogram of(Distribution d) {
    long n = d.count();
    if (n == 0) {
      return new Histogram(0, 1, new long[0], 0, 0, 0, 0);
    }
    double min = d.min();
    double max = d.max();
    double p999 = d.percentile(99.9);
    double hi = max > 2 * p999 && p999 > min ? p999 : max;
    double width = niceWidth((hi - min) / MAX_BINS);
    double start = Math.floor(min / width) * width;
    int bins = Math.min(MAX_BINS + 1, binOf(hi, start, width) + 1);
    long[] counts = new long[bins];
    long[] above = {0};
    d.forEachValue(
        (v, count) -> {
          if (v > hi) {
            above[0] += count;
          } else {
            counts[Math.min(bins - 1, Math.max(0, binOf(v, start, width)))] += count;
          }
        });
    return new Histogram(start, width, counts, above[0], hi, max, n);
  }

  /** The bin of {@code v}; the tiny epsilon keeps a value sitting on an edge (0.3 / 0.1) in the upper bin. */
  private static int binOf(double v, double start, double width) {
    return (int) Math.floor((v - start) / width + 1e-9);
  }

  /** The smallest of 1, 2, 5 x 10^k not below {@code raw}, and not below {@link #MIN_WIDTH}. */
  static double niceWidth(double raw) {
    if (!(raw > MIN_WIDTH)) {
      return MIN_WIDTH;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    double nice = f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 5 + 1e-9 ? 5 : 10;
    // Rounded through its decimal text so that 0.1 * 3 style drift does not reach the labels.
    return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", nice * magnitude));
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("start", start);
    m.put("width", width);
    m.put("counts", counts);
    m.put("above", above);
    m.put("hi", hi);
    m.put("max", max);
    m.put("n", n);
    return m;
  }
}
