package io.github.gatlingllm.report.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.servermetrics.ServerMetricsResult;
import io.github.gatlingllm.servermetrics.ServerMetricsResult.Point;
import io.github.gatlingllm.servermetrics.ServerSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerChartTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long ORIGIN = 5 * SECOND;

  @Test
  void aShortRunKeepsEveryScrapeInSecondsFromTheOriginWithKvInPercent() {
    TimeBuckets axis = new TimeBuckets(ORIGIN, SECOND, 10);
    List<Point> kv = List.of(new Point(ORIGIN + SECOND / 2, 0.25), new Point(ORIGIN + 3 * SECOND / 2, 0.5));
    Map<String, Object> chart = ServerChart.of(result(Map.of(ServerSample.KV_CACHE_USAGE, kv)), axis);
    @SuppressWarnings("unchecked")
    List<double[]> xy = (List<double[]>) chart.get("kvPercent");
    assertEquals(2, xy.size());
    assertArrayEquals(new double[] {0.5, 25.0}, xy.get(0), 1e-9);
    assertArrayEquals(new double[] {1.5, 50.0}, xy.get(1), 1e-9);
    assertFalse(chart.containsKey("running"), "a series the server does not export is left out");
    assertFalse(chart.containsKey("gpuGiB"));
  }

  @Test
  void gpuMemoryIsChartedInGib() {
    TimeBuckets axis = new TimeBuckets(ORIGIN, SECOND, 10);
    List<Point> memory = List.of(new Point(ORIGIN + 2 * SECOND, 3.0 * (1L << 30)));
    @SuppressWarnings("unchecked")
    List<double[]> xy =
        (List<double[]>) ServerChart.of(result(Map.of(ServerSample.GPU_MEMORY_USED, memory)), axis).get("gpuGiB");
    assertArrayEquals(new double[] {2.0, 3.0}, xy.get(0), 1e-9);
  }

  @Test
  void aSoakRunKeepsTheHighestScrapeOfEachBucketAtItsOwnInstant() {
    // Two hours of 1 s scrapes: the axis has 8-second buckets (900 of them)
    int scrapes = 7_200;
    TimeBuckets axis = new TimeBuckets(ORIGIN, 8 * SECOND, 900);
    List<Point> running = new ArrayList<>();
    for (int s = 0; s < scrapes; s++) {
      // a single spike to 1,000 at second 4,003, otherwise a sawtooth 0..7 within each bucket
      running.add(new Point(ORIGIN + s * SECOND, s == 4_003 ? 1_000 : s % 8));
    }
    @SuppressWarnings("unchecked")
    List<double[]> xy =
        (List<double[]>) ServerChart.of(result(Map.of(ServerSample.RUNNING, running)), axis).get("running");
    assertEquals(900, xy.size());
    assertTrue(xy.size() <= TimeBuckets.MAX_BUCKETS);
    // bucket 500 holds seconds 4000..4007: its spike survives, at its own time
    assertArrayEquals(new double[] {4_003, 1_000}, xy.get(500), 1e-9);
    // every other bucket keeps its highest value, 7, seen at its last second
    assertArrayEquals(new double[] {7, 7}, xy.get(0), 1e-9);
    assertArrayEquals(new double[] {7_199, 7}, xy.get(899), 1e-9);
  }

  private static ServerMetricsResult result(Map<String, List<Point>> points) {
    return new ServerMetricsResult("http://127.0.0.1/metrics", 1, 0, Map.of(), Double.NaN, Double.NaN, points);
  }
}
