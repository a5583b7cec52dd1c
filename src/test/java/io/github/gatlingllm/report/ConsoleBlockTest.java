package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.gatlingllm.metrics.BenchmarkSummary;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expected texts were produced by vLLM's own format strings ({@code '{:<40} {:<10}'}, {@code '{:<10.2f}'},
 * {@code '{s:{c}^{n}}'}) run in Python on the numbers of {@link Summaries}; note the trailing spaces vLLM prints.
 */
class ConsoleBlockTest {
  private static final String VLLM_FULL = String.join("\n",
      "============ Serving Benchmark Result ============",
      "Successful requests:                     200       ",
      "Failed requests:                         3         ",
      "Maximum request concurrency:             64        ",
      "Request rate configured (RPS):           10.00     ",
      "Benchmark duration (s):                  221.06    ",
      "Total input tokens:                      45551     ",
      "Total generated tokens:                  39322     ",
      "Request throughput (req/s):              0.91      ",
      "Request goodput (req/s):                 0.85      ",
      "Output token throughput (tok/s):         177.88    ",
      "Peak output token throughput (tok/s):    250.00    ",
      "Peak concurrent requests:                12.00     ",
      "Total token throughput (tok/s):          383.93    ",
      "---------------Time to First Token----------------",
      "Mean TTFT (ms):                          103.75    ",
      "Median TTFT (ms):                        76.73     ",
      "P99 TTFT (ms):                           298.90    ",
      "P99.9 TTFT (ms):                         310.00    ",
      "-----Time per Output Token (excl. 1st token)------",
      "Mean TPOT (ms):                          43.15     ",
      "Median TPOT (ms):                        42.29     ",
      "P99 TPOT (ms):                           66.84     ",
      "P99.9 TPOT (ms):                         70.12     ",
      "---------------Inter-token Latency----------------",
      "Mean ITL (ms):                           42.78     ",
      "Median ITL (ms):                         42.76     ",
      "P99 ITL (ms):                            43.52     ",
      "P99.9 ITL (ms):                          2.67      ",
      "----------------End-to-end Latency----------------",
      "Mean E2EL (ms):                          9876.50   ",
      "Median E2EL (ms):                        9000.00   ",
      "P99 E2EL (ms):                           20000.00  ",
      "P99.9 E2EL (ms):                         20500.00  ",
      "==================================================") + "\n";

  private static final String EXTRAS = String.join("\n",
      "=============== Additional Details ===============",
      "---------------Client-side Queueing---------------",
      "Mean Client Queue Time (ms):             12.50     ",
      "Median Client Queue Time (ms):           0.00      ",
      "P99 Client Queue Time (ms):              80.25     ",
      "P99.9 Client Queue Time (ms):            95.00     ",
      "--------Queue-inclusive End-to-end Latency--------",
      "Mean E2EL incl. Client Queue (ms):       1500.00   ",
      "Median E2EL incl. Client Queue (ms):     1400.50   ",
      "P99 E2EL incl. Client Queue (ms):        3000.00   ",
      "P99.9 E2EL incl. Client Queue (ms):      3100.00   ",
      "-------------Failed Requests by Error-------------",
      "HTTP 503:                                2         ",
      "idle timeout:                            1         ",
      "==================================================") + "\n";

  private static final String VLLM_MINIMAL = String.join("\n",
      "============ Serving Benchmark Result ============",
      "Successful requests:                     5         ",
      "Failed requests:                         0         ",
      "Benchmark duration (s):                  2.00      ",
      "Total input tokens:                      30        ",
      "Total generated tokens:                  8         ",
      "Request throughput (req/s):              1.50      ",
      "Output token throughput (tok/s):         4.00      ",
      "Peak output token throughput (tok/s):    8.00      ",
      "Peak concurrent requests:                2.00      ",
      "Total token throughput (tok/s):          19.00     ",
      "---------------Time to First Token----------------",
      "Mean TTFT (ms):                          103.75    ",
      "Median TTFT (ms):                        76.73     ",
      "P99 TTFT (ms):                           298.90    ",
      "-----Time per Output Token (excl. 1st token)------",
      "Mean TPOT (ms):                          43.15     ",
      "Median TPOT (ms):                        42.29     ",
      "P99 TPOT (ms):                           66.84     ",
      "---------------Inter-token Latency----------------",
      "Mean ITL (ms):                           42.78     ",
      "Median ITL (ms):                         42.76     ",
      "P99 ITL (ms):                            43.52     ",
      "----------------End-to-end Latency----------------",
      "Mean E2EL (ms):                          9876.50   ",
      "Median E2EL (ms):                        9000.00   ",
      "P99 E2EL (ms):                           20000.00  ",
      "==================================================") + "\n";

  @Test
  void vllmBlockWithEveryOptionalLine() {
    assertEquals(VLLM_FULL, ConsoleBlock.renderVllm(Summaries.full()));
  }

  @Test
  void extrasFollowWhenACapIsSetOrRequestsFailed() {
    assertEquals(EXTRAS, ConsoleBlock.renderExtras(Summaries.full()));
    assertEquals(VLLM_FULL + EXTRAS, ConsoleBlock.render(Summaries.full()));
  }

  @Test
  void vllmBlockWithoutOptionalLinesAndNoExtras() {
    assertEquals(VLLM_MINIMAL, ConsoleBlock.renderVllm(Summaries.minimal()));
    assertEquals("", ConsoleBlock.renderExtras(Summaries.minimal()));
    assertEquals(VLLM_MINIMAL, ConsoleBlock.render(Summaries.minimal()));
  }

  /** A reasoning run: TTFO and the token split in the extras; vLLM's block is untouched. */
  @Test
  void reasoningAddsTtfoAndTheTokenSplitToTheExtrasOnly() {
    BenchmarkSummary reasoning = Summaries.reasoning();
    assertEquals(VLLM_MINIMAL, ConsoleBlock.renderVllm(reasoning), "vLLM's block stays byte-identical");
    String extras = String.join("\n",
        "=============== Additional Details ===============",
        "------------Time to First Output Token------------",
        "Mean TTFO (ms):                          675.00    ",
        "Median TTFO (ms):                        675.00    ",
        "P99 TTFO (ms):                           1189.50   ",
        "-----------Reasoning and Answer Tokens------------",
        "Total reasoning tokens:                  5         ",
        "Total answer tokens:                     3         ",
        "==================================================") + "\n";
    assertEquals(extras, ConsoleBlock.renderExtras(reasoning));
    assertEquals(VLLM_MINIMAL + extras, ConsoleBlock.render(reasoning));
    // The full run has no reasoning: its extras do not mention TTFO.
    assertFalse(ConsoleBlock.renderExtras(Summaries.full()).contains("TTFO"));
  }

  @Test
  void textFileHoldsTheRenderedBlock(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("run").resolve(SummaryText.FILE_NAME);
    SummaryText.write(Summaries.full(), file);
    assertEquals(VLLM_FULL + EXTRAS, Files.readString(file, StandardCharsets.UTF_8));
    SummaryText.write(Summaries.minimal(), file); // replaced, not appended
    assertEquals(VLLM_MINIMAL, Files.readString(file, StandardCharsets.UTF_8));
    try (var files = Files.list(file.getParent())) {
      assertEquals(1, files.count()); // no temporary file left behind
    }
  }
}
