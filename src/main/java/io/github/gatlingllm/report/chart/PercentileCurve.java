package io.github.gatlingllm.report.chart;

import io.github.gatlingllm.metrics.Distribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values at a fixed ladder of percentiles, for a percentile curve drawn on a "nines" scale (50, 90, 99, 99.9 ...
 * equally spaced), where the tail a performance engineer cares about gets as much room as the bulk.
 *
 * <p>Percentiles are numpy's linear interpolation on the raw samples ({@link Distribution}), like the table's. A
 * level is kept only when at least one sample lies above it (finer tail levels of a small run would be pure
 * interpolation); the maximum is always the last point, at level 100.
 */
public final class PercentileCurve {
  /** 0..90 by 10, then each nine split in ten steps: at most 48 points per curve. */
  static final double[] LADDER = ladder();

  private PercentileCurve() {}

  public static Map<String, Object> of(double[] sorted) {
    return of(Distribution.ofMillis(sorted));
  }

  public static Map<String, Object> of(Distribution d) {
    long n = d.count();
    List<Double> ps = new ArrayList<>();
    List<Double> vs = new ArrayList<>();
    if (n > 0) {
      for (double p : LADDER) {
        if ((100 - p) / 100 * n >= 1) {
          ps.add(p);
          vs.add(d.percentile(p));
        }
      }
      ps.add(100.0);
      vs.add(d.max());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", n);
    m.put("p", ps);
    m.put("v", vs);
    return m;
  }

  private static double[] ladder() {
    List<Double> levels = new ArrayList<>();
    for (int p = 0; p <= 90; p += 10) {
      levels.add((double) p);
    }
    // 91..99, 99.1..99.9, 99.91..99.99, 99.991..99.999: each step of the "nines" axis cut in tenths.
    double base = 90;
    double step = 1;
    for (int nine = 0; nine < 4; nine++) {
      for (int i = 1; i <= 9; i++) {
        levels.add(Math.round((base + i * step) * 1e6) / 1e6);
      }
      base += 9 * step;
      step /= 10;
    }
    return levels.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
