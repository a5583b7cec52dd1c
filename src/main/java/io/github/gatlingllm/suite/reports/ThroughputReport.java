package io.github.gatlingllm.suite.reports;

import io.github.gatlingllm.report.RunOutput;
import io.github.gatlingllm.report.RunResults;

import io.github.gatlingllm.suite.reports.ThroughputFigures;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The offline throughput result, after the LLM summary: printed as vLLM's {@code bench throughput} prints it, with
 * the prompt/generated split, and saved as {@value #FILE_NAME} in the run folder (vLLM's {@code --output-json} keys
 * first, then ours).
 */
public final class ThroughputReport implements RunOutput {
  public static final String FILE_NAME = "throughput.json";

  private final PrintStream console;
  private final String datasetName;

  /**
   * @param datasetName the prompts' dataset ({@code random}, {@code sharegpt}, ...), saved as {@code dataset_name}:
   *     the figures depend on it (the design's reference is a ShareGPT run) and vLLM's keys do not say it
   */
  public ThroughputReport(String datasetName) {
    this(System.out, datasetName);
  }

  /** Prints its block to {@code console} instead of standard output. */
  public ThroughputReport(PrintStream console, String datasetName) {
    this.console = console;
    this.datasetName = datasetName;
  }

  @Override
  public void write(RunResults results) throws IOException {
    ThroughputFigures f = ThroughputFigures.of(results.summary(), results.summary().durationSeconds());
    console.print(render(f));
    results
        .saveJson(FILE_NAME, json(f, datasetName))
        .ifPresent(file -> console.println("Throughput result written to " + file.toAbsolutePath()));
  }

  static String render(ThroughputFigures f) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%n============ Offline Throughput Result ============%n"));
    out.append(
        String.format(
            Locale.ROOT,
            "Throughput: %.2f requests/s, %.2f total tokens/s, %.2f output tokens/s%n",
            f.requestsPerSecond(),
            f.tokensPerSecond(),
            f.outputTokensPerSecond()));
    out.append(String.format(Locale.ROOT, "Total num prompt tokens:  %d%n", f.totalPromptTokens()));
    out.append(String.format(Locale.ROOT, "Total num output tokens:  %d%n", f.totalOutputTokens()));
    out.append(String.format(Locale.ROOT, "Prompt tokens/s:          %.2f%n", f.promptTokensPerSecond()));
    out.append(String.format(Locale.ROOT, "Average prompt tokens:    %.2f%n", f.avgPromptTokens()));
    out.append(String.format(Locale.ROOT, "Average output tokens:    %.2f%n", f.avgOutputTokens()));
    if (f.failed() > 0) {
      out.append(
          String.format(
              Locale.ROOT, "(%d of %d requests failed and are not counted)%n", f.failed(), f.numRequests()));
    }
    return out.toString();
  }

  static Map<String, Object> json(ThroughputFigures f, String datasetName) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("elapsed_time", f.elapsedTime());
    json.put("num_requests", f.numRequests());
    json.put("total_num_tokens", f.totalNumTokens());
    json.put("requests_per_second", f.requestsPerSecond());
    json.put("tokens_per_second", f.tokensPerSecond());
    json.put("dataset_name", datasetName);
    json.put("completed", f.completed());
    json.put("failed", f.failed());
    json.put("total_prompt_tokens", f.totalPromptTokens());
    json.put("total_output_tokens", f.totalOutputTokens());
    json.put("output_tokens_per_second", f.outputTokensPerSecond());
    json.put("prompt_tokens_per_second", f.promptTokensPerSecond());
    json.put("avg_prompt_tokens", f.avgPromptTokens());
    json.put("avg_output_tokens", f.avgOutputTokens());
    return json;
  }
}
