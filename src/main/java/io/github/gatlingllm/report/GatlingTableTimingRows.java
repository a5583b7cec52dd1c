package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.Distribution;
import io.github.gatlingllm.metrics.LlmTiming;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Adds the {@code <name> TTFT}, {@code <name> TPOT} and {@code <name> ITL} rows to the "Stats" table of Gatling's
 * {@code index.html}, each right after the row of its request (at the top level or inside the user's groups).
 *
 * <p>Why: the plugin logs these timings as Gatling group records, which keeps Gatling's request counts about requests
 * only, but Gatling 3.15.1's open-source report lists a group only when a request lies inside it, so these rows would
 * be missing from its table. Gatling Enterprise, which lists groups natively, never reads {@code index.html}.
 *
 * <p>A request row is matched to its timings by its request path: the user's groups, read from its parent rows, and
 * its name. Rows added by an earlier call are replaced. A page whose table cannot be read is left as it is.
 */
public final class GatlingTableTimingRows {
  private static final Pattern ADDED_ROW =
      Pattern.compile("<tr [^>]*" + TimingRowHtml.MARKER + "=\"[^\"]*\"[^>]*>.*?</tr>", Pattern.DOTALL);

  private GatlingTableTimingRows() {}

  /** The page with the timing rows of {@code stats} in Gatling's statistics table. */
  public static String insert(String html, GatlingTimingStats stats) {
    if (stats.isEmpty()) {
      return html;
    }
    String page = ADDED_ROW.matcher(html).replaceAll("");
    GatlingStatsTable table = GatlingStatsTable.read(page);
    if (table == null) {
      return html;
    }
    long seconds =
        GatlingCountRate.durationSeconds(table.durationFloorSeconds(), table.allRequests(), table.allRequestsRate());
    double[] percentiles = table.percentiles();
    StringBuilder out = new StringBuilder(page.length() + 4096);
    int copied = 0;
    for (GatlingStatsTable.RequestRow request : table.requestRows()) {
      GatlingTimingStats.RequestPath path = new GatlingTimingStats.RequestPath(request.groups(), request.name());
      out.append(page, copied, request.end());
      copied = request.end();
      for (LlmTiming timing : List.of(LlmTiming.values())) {
        Distribution values = stats.values(path, timing);
        if (values.count() > 0) {
          out.append(TimingRowHtml.render(request, timing, values, percentiles, seconds));
        }
      }
    }
    return out.append(page, copied, page.length()).toString();
  }
}
