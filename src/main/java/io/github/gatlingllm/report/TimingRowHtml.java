package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.Distribution;
import io.github.gatlingllm.metrics.LlmTiming;
import java.util.Locale;

/**
 * One row of Gatling's statistics table for an LLM timing group ({@code chat TTFT}), in the markup and classes of
 * Gatling 3.15's own rows so that it looks and sorts like them, with three differences that say what it is: the name
 * is not a link (Gatling wrote no page for the group), a small "LLM timing" tag follows it, and a tooltip explains it.
 * It has no children, so its expand button is hidden like a request's.
 *
 * <p>Figures: every value Gatling holds is OK, so Total = OK = count, KO = 0, % KO = 0; Cnt/s is the count over the
 * seconds Gatling divides every row by ({@link GatlingCountRate}). Min, max, mean and standard deviation are Gatling's
 * own over the same whole-millisecond values (mean and deviation rounded like Gatling rounds them). The percentiles are
 * not Gatling's t-digest estimates: they are exact over those values (numpy's linear interpolation, then rounded to the
 * millisecond), like the plugin's other figures, so they may differ from what Gatling's assertions compute by a
 * millisecond or so; past the recording's raw-value budget they come from a histogram within 0.1 %.
 */
final class TimingRowHtml {
  /** Marks the rows this plugin adds, so that adding them again replaces them. */
  static final String MARKER = "data-llm-timing";

  private TimingRowHtml() {}

  static String render(
      GatlingStatsTable.RequestRow request, LlmTiming timing, Distribution values, double[] percentiles, long seconds) {
    String id = request.id() + "-llm-" + timing.name().toLowerCase(Locale.ROOT);
    String name = HtmlSummaryBlock.escape(timing.recordName(request.name()));
    long count = values.count();
    StringBuilder row = new StringBuilder(1600);
    row.append("<tr id=\"").append(id).append("\" data-parent=\"").append(request.parentId()).append("\" ")
        .append(MARKER).append("=\"").append(timing.name()).append("\" title=\"")
        .append(HtmlSummaryBlock.escape(tooltip(timing, request.name()))).append("\">\n");
    row.append("  <td class=\"total col-1\">\n")
        .append("    <div class=\"expandable-container\">\n")
        .append("      <span id=\"").append(id).append("\" style=\"margin-left: ").append(request.marginLeftPx())
        .append("px;\" class=\"expand-button hidden\">&nbsp;</span>\n")
        .append("        <span class=\"withTooltip\">\n")
        .append("          <span class=\"table-cell-tooltip\" id=\"parent-stats-table-").append(id)
        .append("\" data-toggle=\"popover\" data-placement=\"right\" data-container=\"body\" data-content=\"\">\n")
        .append("            <span onmouseover=\"isEllipsed('stats-table-").append(id).append("')\" id=\"stats-table-")
        .append(id).append("\" class=\"ellipsed-name\">").append(name)
        .append(" <span class=\"llm-timing-tag\" style=\"font-size: 0.8em; opacity: 0.65;\">LLM timing</span>")
        .append("</span>\n")
        .append("          </span>\n")
        .append("        </span>\n")
        .append("      <span class=\"value\" style=\"display:none;\">0</span>\n")
        .append("    </div>\n")
        .append("  </td>\n");
    cell(row, "total", 2, Long.toString(count));
    cell(row, "ok", 3, Long.toString(count));
    cell(row, "ko", 4, "0");
    cell(row, "ko", 5, "0");
    cell(row, "total", 6, GatlingCountRate.rate(count, seconds));
    cell(row, "total", 7, millis(values.min()));
    for (int i = 0; i < percentiles.length; i++) {
      cell(row, "total", 8 + i, millis(values.percentile(percentiles[i])));
    }
    int next = 8 + percentiles.length;
    cell(row, "total", next, millis(values.max()));
    cell(row, "total", next + 1, millis(values.mean()));
    cell(row, "total", next + 2, millis(values.std()));
    return row.append("</tr>").toString();
  }

  private static void cell(StringBuilder row, String kind, int column, String text) {
    row.append("  <td class=\"value ").append(kind).append(" col-").append(column).append("\">").append(text)
        .append("</td>\n");
  }

  /** Whole milliseconds, rounded half up like Gatling's {@code math.round}. */
  private static String millis(double ms) {
    return GatlingCountRate.format(Math.round(ms));
  }

  private static String tooltip(LlmTiming timing, String requestName) {
    String quoted = "'" + requestName + "'";
    String what = switch (timing) {
      case TTFT -> "time to first token of each successful " + quoted + " request";
      case TPOT -> "time per output token of each successful " + quoted + " request with more than one output token";
      case ITL -> "inter-token latency of the successful " + quoted + " requests, as the protocol's itlStats logs it";
    };
    return "LLM timing, not a request: " + what + " (Gatling group '" + timing.recordName(requestName)
        + "', whole ms, exact percentiles). Added by gatling-llm.";
  }
}
