package io.github.gatlingllm.report.chart;

import io.github.gatlingllm.servermetrics.ServerMetricsResult;
import io.github.gatlingllm.servermetrics.ServerSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series of the "Server: KV cache and queue" chart: KV-cache usage in percent, running and waiting requests and,
 * when an exporter gives it, GPU memory in use in GiB, each
 * as {@code [seconds, value]} points at the scrape instants, on the time axis of the other "over time" charts (seconds
 * since {@link TimeBuckets#origin()}), so that a queue building on the server lines up with the client's view.
 * Empty when the server exports none of them.
 *
 * <p>A scrape a second is 3,600 points an hour per series; beyond {@link TimeBuckets#MAX_BUCKETS} points a series keeps
 * the highest value of each bucket of the axis, at the instant it was seen, so that a soak run's report stays small
 * and no saturation peak is smoothed away.
 */
public final class ServerChart {
  private ServerChart() {}

  public static Map<String, Object> of(ServerMetricsResult r, TimeBuckets axis) {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "kvPercent", r.points().get(ServerSample.KV_CACHE_USAGE), 100, axis);
    put(m, "running", r.points().get(ServerSample.RUNNING), 1, axis);
    put(m, "waiting", r.points().get(ServerSample.WAITING), 1, axis);
    put(m, "gpuGiB", r.points().get(ServerSample.GPU_MEMORY_USED), 1.0 / (1L << 30), axis);
    return m;
  }

  private static void put(
      Map<String, Object> m, String key, List<ServerMetricsResult.Point> points, double scale, TimeBuckets axis) {
    if (points == null || points.isEmpty()) {
      return;
    }
    List<ServerMetricsResult.Point> shown = points.size() > TimeBuckets.MAX_BUCKETS ? peaks(points, axis) : points;
    List<double[]> xy = new ArrayList<>(shown.size());
    for (ServerMetricsResult.Point p : shown) {
      xy.add(new double[] {(p.nanos() - axis.origin()) / 1e9, p.value() * scale});
    }
    m.put(key, xy);
  }

  /** The highest point of each axis bucket that has points, in time order (points come in time order). */
  static List<ServerMetricsResult.Point> peaks(List<ServerMetricsResult.Point> points, TimeBuckets axis) {
    List<ServerMetricsResult.Point> peaks = new ArrayList<>(axis.count());
    int bucket = -1;
    for (ServerMetricsResult.Point p : points) {
      int i = axis.index(p.nanos());
      if (i != bucket) {
        peaks.add(p);
        bucket = i;
      } else if (p.value() > peaks.get(peaks.size() - 1).value()) {
        peaks.set(peaks.size() - 1, p);
      }
    }
    return peaks;
  }
}
