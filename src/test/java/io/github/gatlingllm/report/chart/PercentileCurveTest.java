package io.github.gatlingllm.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PercentileCurveTest {
  @Test
  void levelsStopWhereTheSamplesDoThenTheMax() {
    // 5 samples: a level p is kept while at least one sample lies above it, (100 - p)% of 5 >= 1, i.e. p <= 80.
    Map<String, Object> c = PercentileCurve.of(new double[] {1, 2, 3, 4, 5});
    assertEquals(5L, c.get("n"));
    assertEquals(List.of(0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 100.0), c.get("p"));
    @SuppressWarnings("unchecked")
    List<Double> v = (List<Double>) c.get("v");
    // numpy linear interpolation: P50 = 3, P80 = 1 + 0.8 * 4 = 4.2; the last point is the max.
    assertEquals(1.0, v.get(0));
    assertEquals(3.0, v.get(5), 1e-12);
    assertEquals(4.2, v.get(8), 1e-12);
    assertEquals(5.0, v.get(9));
  }

  @Test
  void aLargeRunReachesTheFifthNine() {
    double[] v = new double[200_000];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    @SuppressWarnings("unchecked")
    List<Double> p = (List<Double>) PercentileCurve.of(v).get("p");
    assertEquals(PercentileCurve.LADDER.length + 1, p.size());
    assertTrue(p.contains(99.999));
    assertTrue(p.contains(99.99));
    assertEquals(100.0, p.get(p.size() - 1));
  }

  @Test
  void noSamplesNoPoints() {
    assertEquals(List.of(), PercentileCurve.of(new double[0]).get("p"));
  }
}
