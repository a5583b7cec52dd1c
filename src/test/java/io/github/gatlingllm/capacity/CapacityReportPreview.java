package io.github.gatlingllm.capacity;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryCalculator;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.metrics.TestRecords;
import io.github.gatlingllm.report.HtmlReportInjector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Not a test: injects the full LLM report of a small run with the capacity parts of {@link CapacityResults#search()}
 * (or {@code sweep} as third argument) into a copy of a real run's {@code index.html}, to look at it in a browser,
 * and prints the console table. Arguments: the index.html to copy (its folder's js/ and style/ must sit next to the
 * target), the target index.html.
 */
public final class CapacityReportPreview {
  private CapacityReportPreview() {}

  public static void main(String[] args) throws Exception {
    Path source = Path.of(args[0]);
    Path target = Path.of(args[1]);
    CapacityResult result = args.length > 2 && args[2].equals("sweep") ? CapacityResults.sweep()
        : CapacityResults.search();
    List<RequestRecord> records = TestRecords.scenario();
    RunDescription run = new RunDescription("openai-chat", null, "preview", "qwen3-0.6b", "Qwen/Qwen3-0.6B",
        records.size(), Double.POSITIVE_INFINITY, 1.0, null, 0L);
    BenchmarkSummary summary = SummaryCalculator.compute(records, run, SummaryOptions.defaults());
    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    HtmlReportInjector.inject(target, summary, records, HtmlCapacityBlock.parts(result));
    System.out.print(CapacityTable.render(result));
    System.out.println("Wrote " + target + " (" + Files.size(target) + " bytes)");
  }
}
