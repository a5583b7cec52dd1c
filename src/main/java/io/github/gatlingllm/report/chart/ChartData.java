package io.github.gatlingllm.report.chart;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.MetricStats;
import io.github.gatlingllm.metrics.PercentileValue;
import io.github.gatlingllm.metrics.Distribution;
import io.github.gatlingllm.metrics.RunStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every chart's series, as one JSON-ready map. Optional charts are absent rather than empty, and the HTML renders a
 * container exactly for each key present here.
 *
 * <p>Size: whatever the number of requests, each histogram has at most {@link Histogram#MAX_BINS}+1 bins, each
 * percentile curve at most 47 points, each time series at most {@link TimeBuckets#MAX_BUCKETS} buckets and the
 * scatter at most {@link PromptLengthScatter#MAX_POINTS} points.
 */
public final class ChartData {
  public static final String LATENCY = "latency";
  public static final String TIME = "time";
  public static final String QUEUE = "queue";
  public static final String ERRORS = "errors";
  public static final String PROMPT_TTFT = "promptTtft";
  public static final String SCENARIOS = "scenarios";
  /** The server's own view ({@link ServerChart}); added by the HTML when the server's metrics were sampled. */
  public static final String SERVER = "server";

  /** The latency metrics charted, by key, with the summary's stats for each. */
  public static final List<String> METRICS = List.of("ttft", "tpot", "itl", "e2el");

  private ChartData() {}

  /**
   * The charts of a run.
   *
   * @param statistics the run's statistics: the latency distributions the summary was computed from
   * @param timeline the run's time series
   * @param scatter the prompt-length sample
   * @param scenarios the per-scenario rows, in start order (empty for a single scenario)
   */
  public static Map<String, Object> of(
      RunStatistics statistics,
      TimelineRecorder timeline,
      PromptLengthScatter scatter,
      BenchmarkSummary summary,
      List<ScenarioBreakdown.Row> scenarios) {
    Map<String, Object> data = new LinkedHashMap<>();
    Map<String, Object> latency = new LinkedHashMap<>();
    latency.put("ttft", latency(statistics.distribution("ttft"), summary.ttft()));
    latency.put("tpot", latency(statistics.distribution("tpot"), summary.tpot()));
    latency.put("itl", latency(statistics.distribution("itl"), summary.itl()));
    latency.put("e2el", latency(statistics.distribution("e2el"), summary.e2el()));
    data.put(LATENCY, latency);

    TimeBuckets axis = timeline.axis(statistics.span());
    InFlight inFlight = timeline.inFlight(axis);
    Map<String, Object> time = new LinkedHashMap<>();
    time.put("width", axis.widthSeconds());
    time.put("outputTps", timeline.outputTokensPerSecond(axis));
    time.put("meanOutputTps", summary.outputThroughput());
    time.put("inFlightMean", inFlight.mean());
    time.put("inFlightPeak", inFlight.peak());
    List<Map<String, Object>> windows = ScenarioWindows.compute(scenarios, axis);
    if (!windows.isEmpty()) {
      time.put("scenarios", windows);
    }
    data.put(TIME, time);

    QueueTime queue = timeline.queueTime(axis);
    if (queue.anyQueued() || summary.run().maxConcurrency() != null) {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("width", axis.widthSeconds());
      q.put("mean", queue.meanMs());
      q.put("max", queue.maxMs());
      q.put("cap", summary.run().maxConcurrency());
      data.put(QUEUE, q);
    }

    ErrorTimeline errors = timeline.errors(axis);
    if (!errors.isEmpty()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("width", axis.widthSeconds());
      e.put("labels", errors.labels());
      e.put("perSecond", errors.perSecond());
      data.put(ERRORS, e);
    }

    if (!scatter.points().isEmpty()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("points", scatter.points());
      s.put("total", scatter.total());
      data.put(PROMPT_TTFT, s);
    }

    if (!scenarios.isEmpty()) {
      List<Object> rows = new ArrayList<>();
      for (ScenarioBreakdown.Row row : scenarios) {
        BenchmarkSummary s = row.summary();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", row.scenario());
        m.put("outputTps", s.outputThroughput());
        m.put("p99Ttft", s.ttft().percentile(ScenarioBreakdown.TAIL));
        m.put("meanTpot", s.tpot().meanMs());
        m.put("requests", row.requests());
        m.put("failed", s.failed());
        rows.add(m);
      }
      data.put(SCENARIOS, rows);
    }
    return data;
  }

  /** One metric: its histogram, its percentile curve and the table's mean and percentiles (drawn as markers). */
  private static Map<String, Object> latency(Distribution d, MetricStats stats) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hist", Histogram.of(d).toJson());
    m.put("curve", PercentileCurve.of(d));
    m.put("mean", stats.meanMs());
    m.put("median", stats.medianMs());
    List<Object> ps = new ArrayList<>();
    for (PercentileValue p : stats.percentiles()) {
      ps.add(List.of(p.percentile(), p.valueMs()));
    }
    m.put("percentiles", ps);
    return m;
  }
}
