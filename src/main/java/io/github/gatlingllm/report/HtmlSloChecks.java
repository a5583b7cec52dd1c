package io.github.gatlingllm.report;

import java.util.List;

/** The SLO checks as a box of the LLM block: every clause, its actual value, passed or failed. */
public final class HtmlSloChecks {
  private HtmlSloChecks() {}

  /** The part to add to the block, or none when the run has no checks. */
  public static List<HtmlSummaryBlock.Part> parts(List<SummaryChecks.Result> results) {
    if (results.isEmpty()) {
      return List.of();
    }
    return List.of(summary -> HtmlSummaryBlock.box("SLO checks", note(results), table(results)));
  }

  private static String note(List<SummaryChecks.Result> results) {
    long failed = results.stream().filter(r -> !r.passed()).count();
    return failed == 0
        ? "all " + results.size() + " passed"
        : failed + " of " + results.size() + " failed: the run exits with status 2";
  }

  static String table(List<SummaryChecks.Result> results) {
    StringBuilder html =
        new StringBuilder(
            "<table class=\"statistics-in extensible-geant\"><thead><tr><th class=\"header\">Check</th>"
                + "<th class=\"header\">Actual</th><th class=\"header\">Result</th></tr></thead><tbody>");
    for (SummaryChecks.Result r : results) {
      html.append("<tr><td class=\"total\">")
          .append(HtmlSummaryBlock.escape(r.check().toString()))
          .append("</td><td>")
          .append(HtmlSummaryBlock.escape(SummaryCheck.format(r.actual())))
          .append("</td><td class=\"")
          .append(r.passed() ? "ok" : "ko")
          .append("\">")
          .append(r.passed() ? "passed" : "FAILED")
          .append("</td></tr>");
    }
    return html.append("</tbody></table>").toString();
  }
}
