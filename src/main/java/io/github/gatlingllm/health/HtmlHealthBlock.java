package io.github.gatlingllm.health;

import io.github.gatlingllm.report.HtmlResources;
import io.github.gatlingllm.report.HtmlSummaryBlock;
import io.github.gatlingllm.report.chart.ScriptJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measurement health in the LLM block of Gatling's report: a box with the console's line (and the bottleneck
 * sentence, in Gatling's {@code ko} colour, when it applies), then one chart of loop lag, GC pause time, JIT time and
 * client CPU over the load, drawn by {@code llm-health.js} with the Highcharts the page already loads.
 */
final class HtmlHealthBlock {
  static final String DATA_ID = "llm-health-data";
  static final String CHART_ID = "llm-chart-health";

  private HtmlHealthBlock() {}

  static String render(HealthReport report) {
    StringBuilder inner = new StringBuilder();
    inner.append("  <p class=\"llm-health-line\">").append(HtmlSummaryBlock.escape(report.consoleLine()))
        .append("</p>\n");
    report.bottleneckSentence().ifPresent(s ->
        inner.append("  <p class=\"llm-health-line llm-health-bottleneck\"><b>")
            .append(HtmlSummaryBlock.escape(s)).append("</b></p>\n"));
    StringBuilder sb = new StringBuilder(HtmlSummaryBlock.box("LLM Measurement Health",
        "is the load generator in its own numbers?", inner.toString()));
    if (!report.timeline().isEmpty()) {
      sb.append("<div class=\"schema geant\"><div id=\"").append(CHART_ID).append("\" class=\"geant\"></div></div>\n");
      sb.append("<script type=\"application/json\" id=\"").append(DATA_ID).append("\">")
          .append(ScriptJson.write(chartData(report))).append("</script>\n");
      sb.append("<script>\n").append(HtmlResources.healthScript()).append("</script>\n");
    }
    return sb.toString();
  }

  /** The series as [middle of the bucket in seconds since the run's origin, value] pairs, one per bucket. */
  static Map<String, Object> chartData(HealthReport report) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> buckets =
        (List<Map<String, Object>>) ((Map<String, Object>) report.json().get("timeline")).get("buckets");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("bucketSeconds", report.bucketSeconds());
    data.put("thresholdMs", HealthReport.ms(report.thresholdNanos()));
    for (String key : List.of("lag_p99_ms", "lag_max_ms", "gc_ms", "jit_ms", "cpu_percent")) {
      data.put(key, buckets.stream()
          .map(b -> List.of((Double) b.get("start_s") + (Double) b.get("seconds") / 2, b.get(key))).toList());
    }
    return data;
  }
}
