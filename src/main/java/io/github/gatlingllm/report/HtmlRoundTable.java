package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.Distribution;

/**
 * TTFT by conversation round, only when requests belong to conversations (multi-round workloads): round 1 against
 * later rounds, which resend a history a prefix cache may hold, with the mean prompt size of each round.
 */
final class HtmlRoundTable implements HtmlSummaryBlock.Part {
  private static final String[] HEADERS = {
    "Round", "Requests", "Mean prompt tokens", "Mean TTFT (ms)", "Median TTFT (ms)", "P99 TTFT (ms)"
  };

  private final RunView run;

  HtmlRoundTable(RunView run) {
    this.run = run;
  }

  @Override
  public String render(BenchmarkSummary summary) {
    RoundTtfts byRound = run.recording(summary).rounds();
    if (byRound.rounds().isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    HtmlSummaryBlock.openTable(sb, "llm-rounds", HEADERS);
    for (int round : byRound.rounds()) {
      Distribution ttft = byRound.round(round);
      sb.append("      <tr><td class=\"total\">").append(round).append("</td>");
      cell(sb, Long.toString(ttft.count()));
      cell(sb, PythonFormat.fixed(byRound.meanPromptTokens(round), 1));
      cell(sb, PythonFormat.fixed2(ttft.mean()));
      cell(sb, PythonFormat.fixed2(ttft.median()));
      cell(sb, PythonFormat.fixed2(ttft.percentile(99)));
      sb.append("</tr>\n");
    }
    sb.append("    </tbody>\n  </table>\n");
    return HtmlSummaryBlock.box(
        "TTFT by Conversation Round", "later rounds resend the history: a prefix cache shows as a lower TTFT",
        sb.toString());
  }

  private static void cell(StringBuilder sb, String text) {
    HtmlSummaryBlock.valueCell(sb, text, "total");
  }
}
