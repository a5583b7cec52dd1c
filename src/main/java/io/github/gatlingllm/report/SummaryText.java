package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes the console block (vLLM's block and our extras) to a text file, usually {@code llm-summary.txt}. */
public final class SummaryText {
  public static final String FILE_NAME = "llm-summary.txt";

  private SummaryText() {}

  public static void write(BenchmarkSummary summary, Path file) throws IOException {
    byte[] bytes = ConsoleBlock.render(summary).getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(file, out -> out.write(bytes));
  }
}
