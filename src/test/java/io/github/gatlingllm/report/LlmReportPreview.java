package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.GoodputSlo;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryCalculator;
import io.github.gatlingllm.metrics.SummaryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Not a test: injects the full report for a synthetic sweep into a copy of a real run's {@code index.html}, to look
 * at it in a browser. Arguments: the index.html to copy (its folder's js/ and style/ must sit next to the target),
 * the target index.html, and optionally the number of scenarios (1 for a single-scenario run).
 */
public final class LlmReportPreview {
  private LlmReportPreview() {}

  public static void main(String[] args) throws Exception {
    Path source = Path.of(args[0]);
    Path target = Path.of(args[1]);
    int scenarios = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int[] levels = {8, 32, 64, 128}; 
    int[] used = java.util.Arrays.copyOf(levels, scenarios);
    List<RequestRecord> records = SyntheticRun.generate(1500, used, 120, 42);
    RunDescription run = new RunDescription("openai-chat", null, "preview", "qwen3-0.6b", "Qwen/Qwen3-0.6B",
        records.size(), Double.POSITIVE_INFINITY, 1.0, used[used.length - 1], System.currentTimeMillis());
    SummaryOptions opts = new SummaryOptions(List.of(99.0, 99.9), GoodputSlo.parse("ttft:200,tpot:30"), false);
    BenchmarkSummary summary = SummaryCalculator.compute(records, run, opts);
    Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    HtmlReportInjector.inject(target, summary, records, List.of());
    System.out.println("Wrote " + target + " (" + Files.size(target) + " bytes)");
  }
}
