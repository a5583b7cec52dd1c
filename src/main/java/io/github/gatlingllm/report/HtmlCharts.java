package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.report.chart.ChartData;
import io.github.gatlingllm.report.chart.ScriptJson;
import java.util.Map;

/**
 * The charts: one {@code schema} box per chart (Gatling's chart box), the data of all of them as one JSON element,
 * and the script that draws them with the Highcharts Gatling already loads. A container is rendered exactly for each
 * chart that has data ({@link ChartData}), so the script never meets a missing one.
 */
final class HtmlCharts implements HtmlSummaryBlock.Part {
  /** The id of the {@code <script type="application/json">} holding the series. */
  static final String DATA_ID = "llm-report-data";

  private final RunView run;

  HtmlCharts(RunView run) {
    this.run = run;
  }

  @Override
  public String render(BenchmarkSummary summary) {
    Map<String, Object> data = run.charts(summary);
    StringBuilder sb = new StringBuilder();
    if (data.containsKey(ChartData.SCENARIOS)) {
      wide(sb, "llm-chart-scenarios");
    }
    sb.append("<div class=\"llm-grid\">\n");
    for (String metric : ChartData.METRICS) {
      sb.append("  <div class=\"schema\"><div id=\"llm-chart-").append(metric).append("\"></div></div>\n");
    }
    sb.append("</div>\n");
    wide(sb, "llm-chart-throughput");
    Map<String, Object> server = run.serverChart(summary);
    if (!server.isEmpty()) {
      data.put(ChartData.SERVER, server);
      wide(sb, "llm-chart-server");
    }
    if (data.containsKey(ChartData.QUEUE)) {
      wide(sb, "llm-chart-queue");
    }
    if (data.containsKey(ChartData.ERRORS)) {
      wide(sb, "llm-chart-errors");
    }
    if (data.containsKey(ChartData.PROMPT_TTFT)) {
      wide(sb, "llm-chart-prompt-ttft");
    }
    // JSON in a non-executed script element: ScriptJson escapes '<', so no text can close it.
    sb.append("<script type=\"application/json\" id=\"").append(DATA_ID).append("\">")
        .append(ScriptJson.write(data)).append("</script>\n");
    sb.append("<script>\n").append(HtmlResources.JS).append("</script>\n");
    return sb.toString();
  }

  /** A full-width chart box, as Gatling declares its own ({@code schema geant}). */
  private static void wide(StringBuilder sb, String id) {
    sb.append("<div class=\"schema geant\"><div id=\"").append(id).append("\" class=\"geant\"></div></div>\n");
  }
}
