package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.report.chart.ScenarioBreakdown;
import java.util.List;

/**
 * One row per scenario (e.g. per concurrency level of a sweep), only when the records come from several: the
 * figures that compare steps, each computed on that scenario's requests alone (its own duration and rates).
 */
final class HtmlScenarioTable implements HtmlSummaryBlock.Part {
  private static final String[] HEADERS = {
    "Scenario", "Requests", "Failed", "Req/s", "Output tok/s", "Mean TTFT (ms)", "P99 TTFT (ms)", "Mean TPOT (ms)",
    "P99 ITL (ms)", "Mean E2EL (ms)"
  };

  private final RunView run;

  HtmlScenarioTable(RunView run) {
    this.run = run;
  }

  @Override
  public String render(BenchmarkSummary summary) {
    List<ScenarioBreakdown.Row> rows = run.scenarios(summary);
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    HtmlSummaryBlock.openTable(sb, "llm-scenarios", HEADERS);
    for (ScenarioBreakdown.Row row : rows) {
      BenchmarkSummary s = row.summary();
      sb.append("      <tr><td class=\"total\">").append(HtmlSummaryBlock.escape(row.scenario())).append("</td>");
      cell(sb, Long.toString(row.requests()), "total");
      cell(sb, Long.toString(s.failed()), s.failed() > 0 ? "ko" : "total");
      cell(sb, PythonFormat.fixed2(s.requestThroughput()), "total");
      cell(sb, PythonFormat.fixed2(s.outputThroughput()), "total");
      cell(sb, PythonFormat.fixed2(s.ttft().meanMs()), "total");
      cell(sb, PythonFormat.fixed2(s.ttft().percentile(ScenarioBreakdown.TAIL)), "total");
      cell(sb, PythonFormat.fixed2(s.tpot().meanMs()), "total");
      cell(sb, PythonFormat.fixed2(s.itl().percentile(ScenarioBreakdown.TAIL)), "total");
      cell(sb, PythonFormat.fixed2(s.e2el().meanMs()), "total");
      sb.append("</tr>\n");
    }
    sb.append("    </tbody>\n  </table>\n");
    return HtmlSummaryBlock.box("LLM Results per Scenario", "each scenario summarized on its own requests",
        sb.toString());
  }

  private static void cell(StringBuilder sb, String text, String cls) {
    HtmlSummaryBlock.valueCell(sb, text, cls);
  }
}
