package io.github.gatlingllm.report.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistogramTest {
  @Test
  void roundBinWidthsFromMinToMax() {
    // (10 - 1) / 60 = 0.15 -> 0.2 ms bins from 1.0: 1 in bin 0, the 2s in bin 5, 3 in bin 10, 10 in bin 45.
    Histogram h = Histogram.of(new double[] {1, 2, 2, 3, 10});
    assertEquals(0.2, h.width());
    assertEquals(1.0, h.start());
    assertEquals(46, h.counts().length);
    long[] expected = new long[46];
    expected[0] = 1;
    expected[5] = 2;
    expected[10] = 1;
    expected[45] = 1;
    assertArrayEquals(expected, h.counts());
    assertEquals(0, h.above());
    assertEquals(10.0, h.hi());
    assertEquals(5L, h.n());
  }

  @Test
  void aFarTailIsCountedNotDrawn() {
    // 999 samples at 10 ms and one at 1000 ms: P99.9 = 10 + 0.001 * 990 = 10.99, and 1000 > 2 * 10.99.
    double[] v = new double[1000];
    Arrays.fill(v, 10);
    v[999] = 1000;
    Histogram h = Histogram.of(v);
    assertEquals(10.99, h.hi(), 1e-9);
    assertEquals(1, h.above());
    assertEquals(1000.0, h.max());
    assertEquals(0.02, h.width());
    assertEquals(999, h.counts()[0]);
    assertEquals(999, Arrays.stream(h.counts()).sum());
    assertEquals(1 + 49, h.counts().length, "10 .. 10.99 in 0.02 ms bins");
  }

  @Test
  void neverMoreThanSixtyOneBins() {
    double[] v = new double[10_000];
    for (int i = 0; i < v.length; i++) {
      v[i] = i * 0.37;
    }
    Histogram h = Histogram.of(v);
    assertEquals(v.length, Arrays.stream(h.counts()).sum() + h.above());
    assertEquals(true, h.counts().length <= Histogram.MAX_BINS + 1, "bins: " + h.counts().length);
  }

  @Test
  void emptyAndConstantSamples() {
    assertEquals(0, Histogram.of(new double[0]).counts().length);
    Histogram one = Histogram.of(new double[] {5, 5, 5});
    assertEquals(Histogram.MIN_WIDTH, one.width());
    assertArrayEquals(new long[] {3}, one.counts());
    Map<String, Object> json = one.toJson();
    assertEquals(3L, json.get("n"));
  }

  @Test
  void niceWidths() {
    assertEquals(0.2, Histogram.niceWidth(0.15));
    assertEquals(1.0, Histogram.niceWidth(1.0));
    assertEquals(2.0, Histogram.niceWidth(1.2));
    assertEquals(5.0, Histogram.niceWidth(3));
    assertEquals(10.0, Histogram.niceWidth(7));
    assertEquals(50.0, Histogram.niceWidth(41.6));
    assertEquals(0.001, Histogram.niceWidth(0.00001));
  }
}
