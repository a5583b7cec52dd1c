package io.github.gatlingllm.capacity;

import io.github.gatlingllm.report.HtmlResources;
import io.github.gatlingllm.report.HtmlSummaryBlock;
import io.github.gatlingllm.report.chart.ScriptJson;
import java.util.List;

/**
 * The capacity search or sweep in the LLM block of Gatling's report, as extra parts of {@link HtmlSummaryBlock}: a box
 * with the step table (the console's columns, failed steps in Gatling's {@code ko} colour) and the capacity, then
 * the two capacity charts drawn by {@code llm-capacity.js} with the Highcharts the page already loads.
 */
public final class HtmlCapacityBlock {
  /** The id of the {@code <script type="application/json">} holding the capacity charts' series. */
  public static final String DATA_ID = "llm-capacity-data";
  static final String LATENCY_CHART_ID = "llm-chart-capacity-latency";
  static final String PARETO_CHART_ID = "llm-chart-capacity-pareto";

  private HtmlCapacityBlock() {}

  /** The table part, then the charts part. Both render from {@code result}; the run's summary is not used. */
  public static List<HtmlSummaryBlock.Part> parts(CapacityResult result) {
    return List.of(summary -> table(result), summary -> charts(result));
  }

  static String table(CapacityResult result) {
    StepColumns columns = StepColumns.of(result);
    StringBuilder sb = new StringBuilder();
    if (!result.slo().isEmpty()) {
      sb.append("  <p class=\"llm-capacity-slo\">SLO: ")
          .append(HtmlSummaryBlock.escape(String.join(", ", result.slo().stream().map(Object::toString).toList())))
          .append("</p>\n");
    }
    HtmlSummaryBlock.openTable(sb, "llm-capacity", columns.headers().toArray(String[]::new));
    List<String> keys = columns.latencyKeys();
    for (StepResult s : result.steps()) {
      List<String> cells = columns.cells(s);
      sb.append("      <tr").append(s.passed() ? "" : " class=\"ko\"").append(">");
      for (int i = 0; i < cells.size(); i++) {
        HtmlSummaryBlock.valueCell(sb, cells.get(i), cellClass(s, i, cells.size(), keys));
      }
      sb.append("</tr>\n");
    }
    sb.append("    </tbody>\n  </table>\n");
    List<String> stops = StepColumns.stopNotes(result.steps());
    if (!stops.isEmpty()) {
      sb.append("  <p class=\"llm-capacity-slo\">Stopped early: ");
      sb.append(HtmlSummaryBlock.escape(String.join("; ", stops))).append("</p>\n");
    }
    List<CapacityLines.Fact> facts = CapacityLines.of(result);
    if (!facts.isEmpty()) {
      sb.append("  <table class=\"statistics-in extensible-geant llm-capacity-facts\">\n    <tbody>\n");
      for (CapacityLines.Fact f : facts) {
        sb.append("      <tr><td class=\"total\">").append(HtmlSummaryBlock.escape(f.label()))
            .append("</td><td class=\"value total\">").append(HtmlSummaryBlock.escape(f.value())).append("</td></tr>\n");
      }
      sb.append("    </tbody>\n  </table>\n");
    }
    String title = result.mode() == CapacityResult.Mode.SEARCH ? "LLM Capacity Search" : "LLM Sweep";
    String note = result.capacity() != null ? result.capacity().verdict()
        : result.steps().size() + (result.steps().size() == 1 ? " step" : " steps") + ", each judged on its own requests";
    return HtmlSummaryBlock.box(title, note, sb.toString());
  }

  /**
   * {@code ko} for a failed step's verdict and for a latency whose clause failed on that step, so the eye finds what
   * broke; {@code total} otherwise.
   */
  private static String cellClass(StepResult s, int column, int count, List<String> keys) {
    int latency = column - (count - 2 - keys.size());
    if (column == count - 1) {
      return s.passed() ? "ok" : "ko";
    }
    if (latency >= 0 && latency < keys.size() && StepColumns.failedClause(s, keys.get(latency))) {
      return "ko";
    }
    return "total";
  }

  /** Two full-width chart boxes, their data (escaped for a script element by {@link ScriptJson}) and the script. */
  static String charts(CapacityResult result) {
    StringBuilder sb = new StringBuilder();
    for (String id : List.of(LATENCY_CHART_ID, PARETO_CHART_ID)) {
      sb.append("<div class=\"schema geant\"><div id=\"").append(id).append("\" class=\"geant\"></div></div>\n");
    }
    sb.append("<script type=\"application/json\" id=\"").append(DATA_ID).append("\">")
        .append(ScriptJson.write(CapacityChartData.of(result))).append("</script>\n");
    sb.append("<script>\n").append(HtmlResources.capacityScript()).append("</script>\n");
    return sb.toString();
  }
}
