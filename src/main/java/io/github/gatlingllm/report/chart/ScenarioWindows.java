package io.github.gatlingllm.report.chart;

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

  /** {@code {name, from, to}} per scenario of {@code rows} (already in start order); empty for fewer than two. */
  public static List<Map<String, Object>> compute(List<ScenarioBreakdown.Row> rows, TimeBuckets axis) {
    if (rows.size() < 2) {
      return List.of();
    }
    List<Map<String, Object>> result = new ArrayList<>();
    for (ScenarioBreakdown.Row row : rows) {
      if (row.span().isEmpty()) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", row.scenario());
      m.put("from", (row.span().startNanos() - axis.origin()) / 1e9);
      m.put("to", (row.span().endNanos() - axis.origin()) / 1e9);
      result.add(m);
    }
    return result;
  }
}
