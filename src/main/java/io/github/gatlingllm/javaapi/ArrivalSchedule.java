package io.github.gatlingllm.javaapi;

import io.github.gatlingllm.metrics.RampUp;
import java.util.SplittableRandom;

/**
 * Request arrival times of an open-model benchmark, as vLLM's {@code bench serve} draws them: the gap before each
 * request (the first included) is Gamma(shape = burstiness, scale = 1 / (rate * burstiness)), so burstiness 1 is a
 * Poisson process and larger values are more regular; the times are absolute (no drift) and rescaled so that the last
 * arrival lands exactly at {@code n / rate} seconds. Seeded: the same seed gives the same schedule (not numpy's
 * numbers, the same distribution).
 *
 * <p>With a {@link RampUp}, each request's gap is drawn with that request's own rate and the times are not rescaled
 * (vLLM only rescales a fixed rate). LLM-on-Ray's benchmark draws its gaps differently: see {@link #afterEach}.
 */
public final class ArrivalSchedule {
  private ArrivalSchedule() {}

  /** Arrival offsets in seconds from the start, non-decreasing, {@code n} of them. */
  public static double[] gamma(int n, double rate, double burstiness, long seed) {
    checkCount(n);
    checkRate(rate);
    checkBurstiness(burstiness);
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

  /**
   * Arrival offsets of a ramp: the gap before request {@code i} (the first included) is Gamma(shape = burstiness,
   * scale = 1 / (rate_i * burstiness)) with {@code rate_i = ramp.rateAt(i, n)}, accumulated without rescaling.
   */
  public static double[] ramp(int n, RampUp ramp, double burstiness, long seed) {
    checkCount(n);
    checkBurstiness(burstiness);
    SplittableRandom random = new SplittableRandom(seed);
    double[] arrivals = new double[n];
    double t = 0;
    for (int i = 0; i < n; i++) {
      double rate = ramp.rateAt(i, n);
      t += standardGamma(burstiness, random) / (rate * burstiness);
      arrivals[i] = t;
    }
    return arrivals;
  }

  /**
   * Arrivals as LLM-on-Ray's {@code benchmark_serving.py} draws them: the first request at 0, then an exponential gap
   * of mean {@code 1 / rate} after each request, not rescaled (so the run's length varies with the seed).
   */
  public static double[] afterEach(int n, double rate, long seed) {
    checkCount(n);
    checkRate(rate);
    SplittableRandom random = new SplittableRandom(seed);
    double[] arrivals = new double[n];
    for (int i = 1; i < n; i++) {
      arrivals[i] = arrivals[i - 1] + standardGamma(1, random) / rate;
    }
    return arrivals;
  }

  static void checkCount(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("the number of requests must be >= 1, got " + n);
    }
  }

  static void checkRate(double rate) {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("the request rate must be a finite number > 0, got " + rate);
    }
  }

  static void checkBurstiness(double burstiness) {
    if (!(burstiness > 0) || Double.isInfinite(burstiness)) {
      throw new IllegalArgumentException("burstiness must be a finite number > 0, got " + burstiness);
    }
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
