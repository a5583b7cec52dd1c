package io.github.gatlingllm.capacity;

import io.github.gatlingllm.report.SummaryCheck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series of the two capacity charts, as a JSON-ready map for {@code ScriptJson}: latency against achieved
 * throughput (one series per latency clause, its threshold, the capacity found) and the Pareto view of per-user
 * against total output throughput.
 */
final class CapacityChartData {
  static final String LATENCY = "latency";
  static final String PARETO = "pareto";

  /** Two metrics whose largest values differ more than this factor get two y-axes (TTFT in seconds, TPOT in ms). */
  static final double SECOND_AXIS_RATIO = 8;

  private CapacityChartData() {}

  static Map<String, Object> of(CapacityResult result) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("unit", result.dimension().unit());
    data.put(LATENCY, latency(result));
    data.put(PARETO, pareto(result.steps()));
    return data;
  }

  /**
   * One series per latency clause (in clause order, with its threshold and clause text), or P99 TTFT without a
   * threshold when no clause names a latency; points in the order of the load offered (the curve a server traces as
   * the load grows, folding back when its throughput collapses), all-at-once steps last. A step stopped early is
   * marked {@code stopped}: its figures cover the part it ran, so the chart shows it apart from the curve.
   */
  private static Map<String, Object> latency(CapacityResult result) {
    List<String> keys = StepColumns.clauseLatencyKeys(result.slo());
    if (keys.isEmpty()) {
      keys = List.of(StepColumns.defaultKey(result.steps(), "ttft"));
    }
    List<StepResult> byRate = new ArrayList<>(result.steps());
    byRate.removeIf(s -> !Double.isFinite(s.achievedRequestRate()));
    byRate.sort(Comparator.comparingDouble(CapacityChartData::offeredOrder));
    List<Object> series = new ArrayList<>();
    double firstMax = Double.NaN;
    for (String key : keys) {
      List<Object> points = new ArrayList<>();
      double max = 0;
      for (StepResult s : byRate) {
        double y = s.key(key);
        if (Double.isFinite(y)) {
          Map<String, Object> p = point(s, s.achievedRequestRate(), y);
          p.put("passed", !StepColumns.failedClause(s, key) && s.passed());
          p.put("stopped", s.stoppedEarly() != null);
          points.add(p);
          max = Math.max(max, y);
        }
      }
      if (Double.isNaN(firstMax)) {
        firstMax = max;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", key);
      m.put("name", StepColumns.latencyName(key));
      m.put("axis", differentScale(firstMax, max) ? 1 : 0);
      List<String> clauses = new ArrayList<>();
      List<Double> thresholds = new ArrayList<>();
      for (SummaryCheck c : result.slo()) {
        if (c.key().equals(key)) {
          clauses.add(c.toString());
          thresholds.add(c.threshold());
        }
      }
      m.put("clauses", clauses);
      m.put("thresholds", thresholds);
      m.put("points", points);
      series.add(m);
    }
    Map<String, Object> latency = new LinkedHashMap<>();
    latency.put("series", series);
    latency.put("capacity", result.capacity() == null ? null : capacityBand(result));
    return latency;
  }

  /** Steps by the load they offered; all-at-once (the most a step can offer) last. */
  private static double offeredOrder(StepResult s) {
    return s.load().kind() == StepLoad.Kind.ALL_AT_ONCE ? Double.POSITIVE_INFINITY : s.load().value();
  }

  private static boolean differentScale(double a, double b) {
    return a > 0 && b > 0 && (a / b > SECOND_AXIS_RATIO || b / a > SECOND_AXIS_RATIO);
  }

  /**
   * The capacity on the chart's x-axis (achieved req/s): from the mean achieved rate of the steps at the low load to
   * that of the steps at the high load; one end only when the other was not found; null when neither was run.
   */
  private static Map<String, Object> capacityBand(CapacityResult result) {
    CapacityResult.Capacity c = result.capacity();
    double from = meanAchievedAt(result.steps(), c.low());
    double to = meanAchievedAt(result.steps(), c.high());
    if (Double.isNaN(from) && Double.isNaN(to)) {
      return null;
    }
    Map<String, Object> band = new LinkedHashMap<>();
    band.put("from", from);
    band.put("to", to);
    band.put("label", CapacityLines.shortLabel(result));
    return band;
  }

  private static double meanAchievedAt(List<StepResult> steps, double load) {
    double sum = 0;
    int n = 0;
    for (StepResult s : steps) {
      if (s.load().value() == load && Double.isFinite(s.achievedRequestRate())) {
        sum += s.achievedRequestRate();
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Every step with both throughputs, and the front of the points no other point beats on both axes. */
  private static Map<String, Object> pareto(List<StepResult> steps) {
    List<StepResult> shown = new ArrayList<>();
    for (StepResult s : steps) {
      if (Double.isFinite(s.totalOutputTokensPerSecond()) && Double.isFinite(s.perUserOutputTokensPerSecond())) {
        shown.add(s);
      }
    }
    List<Object> points = new ArrayList<>();
    List<double[]> front = new ArrayList<>();
    for (StepResult s : shown) {
      double x = s.totalOutputTokensPerSecond();
      double y = s.perUserOutputTokensPerSecond();
      boolean onFront = shown.stream().noneMatch(o -> dominates(o, s));
      Map<String, Object> p = point(s, x, y);
      p.put("passed", s.passed());
      p.put("front", onFront);
      points.add(p);
      if (onFront) {
        front.add(new double[] {x, y});
      }
    }
    front.sort(Comparator.comparingDouble((double[] p) -> p[0]));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("points", points);
    m.put("front", front);
    return m;
  }

  /** Whether {@code a} is at least as good as {@code b} on both throughputs and better on one. */
  static boolean dominates(StepResult a, StepResult b) {
    double ax = a.totalOutputTokensPerSecond();
    double ay = a.perUserOutputTokensPerSecond();
    double bx = b.totalOutputTokensPerSecond();
    double by = b.perUserOutputTokensPerSecond();
    return ax >= bx && ay >= by && (ax > bx || ay > by);
  }

  private static Map<String, Object> point(StepResult s, double x, double y) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("x", x);
    p.put("y", y);
    p.put("step", s.number());
    p.put("load", s.load().label());
    p.put("phase", s.phase().id());
    return p;
  }
}
