package io.github.gatlingllm.report.chart;

import io.github.gatlingllm.metrics.RequestRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each scenario ran, in seconds on the time charts' axis (from its first intended start to its last end): the
 * charts shade these windows so that a sweep's steps can be told apart on the "over time" charts.
 */
public final class ScenarioWindows {
  private ScenarioWindows() {}

  /** {@code {name, from, to}} per scenario in start order; empty for a single scenario. */
  public static List<Map<String, Object>> compute(List<RequestRecord> records, TimeBuckets axis) {
    Map<String, long[]> windows = new LinkedHashMap<>();
    for (RequestRecord r : records) {
      long start = r.intendedNanos();
      long end = r.lastActivityNanos();
      if (start == RequestRecord.NONE || end == RequestRecord.NONE) {
        continue;
      }
      long[] w = windows.computeIfAbsent(r.scenario(), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
      w[0] = Math.min(w[0], start);
      w[1] = Math.max(w[1], end);
    }
    if (windows.size() < 2) {
      return List.of();
    }
    List<Map.Entry<String, long[]>> sorted = new ArrayList<>(windows.entrySet());
    sorted.sort((a, b) -> Long.compare(a.getValue()[0], b.getValue()[0]));
    List<Map<String, Object>> result = new ArrayList<>();
    for (Map.Entry<String, long[]> e : sorted) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", e.getKey());
      m.put("from", (e.getValue()[0] - axis.origin()) / 1e9);
      m.put("to", (e.getValue()[1] - axis.origin()) / 1e9);
      result.add(m);
    }
    return result;
  }
}
