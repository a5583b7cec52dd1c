package io.github.gatlingllm.suite.reports;

import io.github.gatlingllm.report.RunOutput;
import io.github.gatlingllm.report.RunResults;

import io.github.gatlingllm.suite.reports.LlmOnRayFigures;
import io.github.gatlingllm.metrics.RecordListener;
import io.github.gatlingllm.metrics.RequestRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * LLM-on-Ray's statistics ({@link LlmOnRayFigures}), printed with the labels of its {@code benchmark_serving.py} and
 * saved as {@value #FILE_NAME} with the keys of its {@code summary_<timestamp>.json} (full precision where it rounds
 * to 3 decimals), then {@code completed} and {@code failed}.
 */
public final class LlmOnRayReport implements RunOutput, RecordListener {
  public static final String FILE_NAME = "llm-on-ray.json";

  private final PrintStream console;
  private final LlmOnRayFigures.Recorder figures = new LlmOnRayFigures.Recorder();

  public LlmOnRayReport() {
    this(System.out);
  }

  /** Prints its block to {@code console} instead of standard output. */
  public LlmOnRayReport(PrintStream console) {
    this.console = console;
  }

  /** Each finished request, on the statistics thread: LLM-on-Ray's figures need more than the summary. */
  @Override
  public void onRecord(RequestRecord record) {
    figures.add(record);
  }

  @Override
  public void write(RunResults results) throws IOException {
    LlmOnRayFigures f = figures.figures(results.summary().durationSeconds());
    console.print(render(f));
    results
        .saveJson(FILE_NAME, json(f))
        .ifPresent(file -> console.println("LLM-on-Ray result written to " + file.toAbsolutePath()));
  }

  static String render(LlmOnRayFigures f) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%n============ LLM-on-Ray Benchmark Result ============%n"));
    out.append(String.format(Locale.ROOT, "Total time: %.3f s%n", f.benchmarkTime()));
    out.append(
        String.format(
            Locale.ROOT,
            "Prompt Length (Min/Med/Max): %d / %d / %d%n",
            f.minPromptLen(),
            f.medPromptLen(),
            f.maxPromptLen()));
    out.append(
        String.format(Locale.ROOT, "Request Throughput (QPS): %.3f requests/s%n", f.throughputRequestsPerSecond()));
    out.append(String.format(Locale.ROOT, "Input Token Throughput: %.3f tokens/s%n", f.inputThroughputTokensPerSecond()));
    out.append(
        String.format(Locale.ROOT, "output Token Throughput: %.3f tokens/s%n", f.outputThroughputTokensPerSecond()));
    out.append(String.format(Locale.ROOT, "Average latency per Request: %.3f s%n", f.avgLatency()));
    out.append(String.format(Locale.ROOT, "Average latency per Token: %.3f s%n", f.avgPerTokenLatency()));
    out.append(String.format(Locale.ROOT, "Average latency for First Tokens: %.3f s%n", f.avgFirstTokenLatency()));
    out.append(String.format(Locale.ROOT, "Average latency for Next Tokens: %.3f s%n", f.avgNextTokenLatency()));
    if (f.failed() > 0) {
      out.append(
          String.format(
              Locale.ROOT, "(%d of %d requests failed: latencies cover the others)%n", f.failed(), f.numPrompts()));
    }
    return out.toString();
  }

  static Map<String, Object> json(LlmOnRayFigures f) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("num_prompts", f.numPrompts());
    json.put("benchmark_time", f.benchmarkTime());
    json.put("min_prompt_len", f.minPromptLen());
    json.put("med_prompt_len", f.medPromptLen());
    json.put("max_prompt_len", f.maxPromptLen());
    json.put("throughput_requests_per_s", f.throughputRequestsPerSecond());
    json.put("input_throughput_tokens_per_s", f.inputThroughputTokensPerSecond());
    json.put("output_throughput_tokens_per_s", f.outputThroughputTokensPerSecond());
    json.put("avg_latency", f.avgLatency());
    json.put("avg_per_token_latency", f.avgPerTokenLatency());
    json.put("avg_first_token_latency", f.avgFirstTokenLatency());
    json.put("avg_next_token_latency", f.avgNextTokenLatency());
    json.put("completed", f.completed());
    json.put("failed", f.failed());
    return json;
  }
}
