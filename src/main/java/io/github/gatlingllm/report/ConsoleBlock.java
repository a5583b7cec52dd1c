package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import java.util.List;

/**
 * The summary as text, in vLLM's console format: {@code '{:<40} {:<10}'} for each value line (so values start at
 * column 42 and lines keep vLLM's trailing spaces), floats with 2 decimals, titles centred in 50 characters.
 */
public final class ConsoleBlock {
  static final int WIDTH = 50;

  private ConsoleBlock() {}

  /** vLLM's block, then our extra block when relevant; every line ends with '\n'. */
  public static String render(BenchmarkSummary summary) {
    return format(SummaryBlock.all(summary));
  }

  /** vLLM's block only, byte for byte what {@code vllm bench serve} prints for the same numbers. */
  public static String renderVllm(BenchmarkSummary summary) {
    return format(SummaryBlock.vllm(summary));
  }

  /** Our extra block, or "" when there is nothing to add (no concurrency cap, no failure). */
  public static String renderExtras(BenchmarkSummary summary) {
    return format(SummaryBlock.extras(summary));
  }

  static String format(List<BlockLine> lines) {
    StringBuilder sb = new StringBuilder();
    for (BlockLine line : lines) {
      sb.append(format(line)).append('\n');
    }
    return sb.toString();
  }

  static String format(BlockLine line) {
    return switch (line.kind()) {
      // vLLM pads its main title with a space on each side, not its section titles.
      case TITLE -> PythonFormat.center(" " + line.text() + " ", WIDTH, '=');
      case SECTION -> PythonFormat.center(line.text(), WIDTH, '-');
      case VALUE -> PythonFormat.padRight(line.text(), 40) + " " + PythonFormat.padRight(line.value(), 10);
      case RULE -> "=".repeat(WIDTH);
    };
  }
}
