package io.github.gatlingllm.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bounded store of one metric's samples, against exact numpy-style statistics over the same values. */
class MetricSamplesTest {

  /** Latencies spread over four decades, as a real ITL or TTFT distribution with a tail: log-uniform 0.1 ms-1 s. */
  private static double[] latencies(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.pow(10, -1 + 4 * random.nextDouble());
    }
    return v;
  }

  @Test
  void underItsLimitEveryFigureIsExactlyNumpys() {
    double[] values = latencies(10_000, 1);
    MetricSamples samples = new MetricSamples(10_000);
    for (double v : values) {
      samples.add(v);
    }
    Distribution kept = samples.distribution();
    Distribution exact = Distribution.ofMillis(values);
    assertTrue(kept.exact());
    assertEquals(exact.mean(), kept.mean());
    assertEquals(exact.std(), kept.std());
    assertEquals(exact.median(), kept.median());
    for (double p : new double[] {0, 1, 50, 90, 99, 99.9, 100}) {
      assertEquals(exact.percentile(p), kept.percentile(p), "p" + p);
    }
  }

  @Test
  void pastItsLimitPercentilesStayWithinTheStatedBoundAndTheRestIsExact() {
    double[] values = latencies(50_000, 2);
    MetricSamples samples = new MetricSamples(1_000);
    for (double v : values) {
      samples.add(v);
    }
    Distribution approx = samples.distribution();
    Distribution exact = Distribution.ofMillis(values);
    assertFalse(approx.exact(), "the raw values were let go at the limit");
    assertEquals(50_000, approx.count());
    assertEquals(exact.mean(), approx.mean(), Math.abs(exact.mean()) * 1e-12);
    assertEquals(exact.std(), approx.std(), exact.std() * 1e-9);
    assertEquals(exact.min(), approx.min());
    assertEquals(exact.max(), approx.max());
    for (double p = 0; p <= 100; p += 0.5) {
      double e = exact.percentile(p);
      assertEquals(e, approx.percentile(p), e * Distribution.HISTOGRAM_RELATIVE_ERROR, "p" + p);
    }
    assertEquals(exact.percentile(99.9), approx.percentile(99.9),
        exact.percentile(99.9) * Distribution.HISTOGRAM_RELATIVE_ERROR);
    assertEquals(exact.median(), approx.median(), exact.median() * Distribution.HISTOGRAM_RELATIVE_ERROR);
  }

  @Test
  void theHistogramViewAgreesWithTheExactOne() {
    double[] values = latencies(5_000, 3);
    MetricSamples samples = new MetricSamples(5_000);
    for (double v : values) {
      samples.add(v);
    }
    Distribution exact = Distribution.ofMillis(values);
    for (double p : new double[] {50, 99}) {
      assertEquals(exact.percentile(p), samples.histogramPercentileMs(p), exact.percentile(p) * 0.001 + 1e-6);
    }
    long[] seen = {0};
    samples.distribution().forEachValue((v, c) -> seen[0] += c);
    assertEquals(5_000, seen[0]);
  }

  @Test
  void emptyReportsZerosAndANegativeJitterIsKeptExact() {
    MetricSamples samples = new MetricSamples(10);
    assertEquals(0, samples.distribution().count());
    assertEquals(0, samples.histogramPercentileMs(99));
    samples.add(-0.000001); // a queue time of -1 ns: clamped in the histogram only
    assertEquals(-0.000001, samples.distribution().min());
  }
}
