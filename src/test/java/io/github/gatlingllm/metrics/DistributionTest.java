package io.github.gatlingllm.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DistributionTest {
  private static final double EPS = 1e-9;

  @Test
  void matchesNumpyOnFourValues() {
    // Given in any order; sorted: [1, 2, 3, 4].
    Distribution d = Distribution.ofMillis(4, 1, 3, 2);
    assertEquals(4, d.count());
    assertEquals(2.5, d.mean(), EPS); // 10 / 4
    assertEquals(2.5, d.median(), EPS); // (2 + 3) / 2
    // ddof=0: deviations -1.5 -0.5 0.5 1.5, squares sum 5, 5 / 4 = 1.25, sqrt = 1.118033988749895
    assertEquals(1.118033988749895, d.std(), EPS);
    // p99: h = 0.99 * 3 = 2.97 -> 3 + 0.97 * (4 - 3) = 3.97
    assertEquals(3.97, d.percentile(99), EPS);
    // p50: h = 1.5 -> 2 + 0.5 * 1 = 2.5 (= median)
    assertEquals(2.5, d.percentile(50), EPS);
    // p25: h = 0.75 -> 1 + 0.75 = 1.75
    assertEquals(1.75, d.percentile(25), EPS);
    assertEquals(1, d.percentile(0), EPS);
    assertEquals(4, d.percentile(100), EPS);
    // p99.9: h = 2.997 -> 3 + 0.997 = 3.997
    assertEquals(3.997, d.percentile(99.9), EPS);
    assertEquals(1, d.min(), EPS);
    assertEquals(4, d.max(), EPS);
  }

  @Test
  void oddCountMedianIsTheMiddleValue() {
    // sorted [100, 100, 300]: median 100; mean 500 / 3; p99: h = 1.98 -> 100 + 0.98 * 200 = 296
    Distribution d = Distribution.ofMillis(100, 300, 100);
    assertEquals(100, d.median(), EPS);
    assertEquals(500.0 / 3, d.mean(), EPS);
    assertEquals(296, d.percentile(99), EPS);
    // deviations -66.67, -66.67, 133.33: squares 26666.67 / 3 = 8888.89, sqrt = 94.28090415820634
    assertEquals(94.28090415820634, d.std(), EPS);
  }

  @Test
  void singleValueIsEverything() {
    Distribution d = Distribution.ofMillis(7.5);
    assertEquals(7.5, d.mean(), EPS);
    assertEquals(7.5, d.median(), EPS);
    assertEquals(0, d.std(), EPS);
    assertEquals(7.5, d.percentile(99), EPS);
    assertEquals(7.5, d.percentile(0), EPS);
  }

  @Test
  void emptyIsAllZerosNeverNaN() {
    Distribution d = Distribution.ofMillis();
    assertEquals(0, d.count());
    assertEquals(0, d.mean());
    assertEquals(0, d.median());
    assertEquals(0, d.std());
    assertEquals(0, d.percentile(99));
    assertEquals(0, d.min());
    assertEquals(0, d.max());
    assertEquals(0, Distribution.empty().percentile(50));
  }

  @Test
  void nanosAreConvertedToMillis() {
    // 1.5 ms and 2.5 ms -> mean 2 ms, median 2 ms
    Distribution d = Distribution.ofNanos(2_500_000L, 1_500_000L);
    assertEquals(2.0, d.mean(), EPS);
    assertEquals(1.5, d.min(), EPS);
  }

  @Test
  void copyingFactoryLeavesTheCallersArrayAlone() {
    double[] values = {3, 1, 2};
    Distribution.ofMillis(values);
    assertEquals(3, values[0]);
  }

  @Test
  void rejectsPercentilesOutsideZeroToHundred() {
    Distribution d = Distribution.ofMillis(1, 2);
    assertThrows(IllegalArgumentException.class, () -> d.percentile(-0.1));
    assertThrows(IllegalArgumentException.class, () -> d.percentile(100.5));
    assertThrows(IllegalArgumentException.class, () -> d.percentile(Double.NaN));
  }

  @Test
  void handlesAMillionValues() {
    double[] values = new double[1_000_000];
    for (int i = 0; i < values.length; i++) {
      values[values.length - 1 - i] = i + 1; // 1..1e6, reversed
    }
    Distribution d = Distribution.ofMillisOwned(values);
    // mean of 1..n = (n + 1) / 2; median = (500000 + 500001) / 2
    assertEquals(500_000.5, d.mean(), 1e-6);
    assertEquals(500_000.5, d.median(), EPS);
    // p99: h = 0.99 * 999999 = 989999.01 -> 989999 + 1 + 0.01 = 990000.01
    assertEquals(990_000.01, d.percentile(99), 1e-6);
  }
}
