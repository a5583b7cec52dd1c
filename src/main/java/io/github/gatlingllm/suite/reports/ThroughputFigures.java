package io.github.gatlingllm.suite.reports;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenCounts;

import java.util.List;

/**
 * The figures of an offline (all-at-once) throughput run, named as vLLM's {@code bench throughput} saves them
 * ({@code elapsed_time}, {@code num_requests}, {@code total_num_tokens}, {@code requests_per_second}, {@code
 * tokens_per_second}), plus the split that the workload asks for. Token counts are measured (server usage, else the
 * fallbacks of {@link TokenCounts}) on successful requests; vLLM's offline run counts the requested lengths, which
 * are the same numbers when {@code ignore_eos} holds every output to its {@code max_tokens}.
 *
 * @param elapsedTime seconds from the first dispatch to the last completion (the summary's {@code duration})
 * @param numRequests requests sent
 * @param completed successful requests
 * @param failed failed requests
 * @param totalPromptTokens prompt tokens of the successful requests
 * @param totalOutputTokens generated tokens of the successful requests
 */
public record ThroughputFigures(
    double elapsedTime, int numRequests, int completed, int failed, long totalPromptTokens, long totalOutputTokens) {

  /** From a run's summary: every request sent, the successful ones' tokens, over the given time. */
  public static ThroughputFigures of(BenchmarkSummary s, double elapsedSeconds) {
    long sent = s.completed() + s.failed() + s.cancelled();
    return new ThroughputFigures(elapsedSeconds, (int) sent, (int) s.completed(), (int) (sent - s.completed()),
        s.totalInputTokens(), s.totalOutputTokens());
  }

  public static ThroughputFigures compute(List<RequestRecord> records, double elapsedSeconds) {
    int completed = 0;
    long prompt = 0;
    long output = 0;
    for (RequestRecord r : records) {
      if (r.success()) {
        completed++;
        prompt += TokenCounts.inputTokens(r);
        output += TokenCounts.outputTokens(r);
      }
    }
    return new ThroughputFigures(elapsedSeconds, records.size(), completed, records.size() - completed, prompt, output);
  }

  /** vLLM's {@code total_num_tokens}: prompt plus generated tokens. */
  public long totalNumTokens() {
    return totalPromptTokens + totalOutputTokens;
  }

  /**
   * Generations per second: completed requests / elapsed time (vLLM divides all requests, which its offline engine
   * never fails; the two agree when nothing fails).
   */
  public double requestsPerSecond() {
    return perSecond(completed);
  }

  /** vLLM's {@code tokens_per_second}: prompt plus generated tokens per second. */
  public double tokensPerSecond() {
    return perSecond(totalNumTokens());
  }

  public double outputTokensPerSecond() {
    return perSecond(totalOutputTokens);
  }

  public double promptTokensPerSecond() {
    return perSecond(totalPromptTokens);
  }

  public double avgPromptTokens() {
    return completed == 0 ? 0 : (double) totalPromptTokens / completed;
  }

  public double avgOutputTokens() {
    return completed == 0 ? 0 : (double) totalOutputTokens / completed;
  }

  private double perSecond(double count) {
    return elapsedTime > 0 ? count / elapsedTime : 0;
  }
}
