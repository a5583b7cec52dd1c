package io.github.gatlingllm.javaapi;

import java.util.SplittableRandom;

/**
 * Request arrival times of an open-model benchmark, as vLLM's {@code bench serve} draws them: the gap before each
 * request (the first included) is Gamma(shape = burstiness, scale = 1 / (rate * burstiness)), so burstiness 1 is a
 * Poisson process and larger values are more regular; the times are absolute (no drift) and rescaled so that the last
 * arrival lands exactly at {@code n / rate} seconds. Seeded: the same seed gives the same schedule (not numpy's
 * numbers, the same distribution).
 */
public final class ArrivalSchedule {
  private ArrivalSchedule() {}

  /** Arrival offsets in seconds from the start, non-decreasing, {@code n} of them. */
  public static double[] gamma(int n, double rate, double burstiness, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("the number of requests must be >= 1, got " + n);
    }
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("the request rate must be a finite number > 0, got " + rate);
    }
    if (!(burstiness > 0) || Double.isInfinite(burstiness)) {
      throw new IllegalArgumentException("burstiness must be a finite number > 0, got " + burstiness);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double scale = 1.0 / (rate * burstiness);
    double[] arrivals = new double[n];
    double t = 0;
    for (int i = 0; i < n; i++) {
      t += scale * standardGamma(burstiness, random);
      arrivals[i] = t;
    }
    double factor = (n / rate) / arrivals[n - 1];
    for (int i = 0; i < n; i++) {
      arrivals[i] *= factor;
    }
    return arrivals;
  }

  /** Gamma(shape, 1) by Marsaglia and Tsang's method; shapes below 1 through the boost Gamma(a+1) * U^(1/a). */
  static double standardGamma(double shape, SplittableRandom random) {
    if (shape < 1) {
      double u = random.nextDouble();
      return standardGamma(shape + 1, random) * Math.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = random.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }
}
