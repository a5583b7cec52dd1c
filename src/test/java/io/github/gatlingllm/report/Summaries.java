package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.Distribution;
import io.github.gatlingllm.metrics.GoodputSlo;
import io.github.gatlingllm.metrics.MetricStats;
import io.github.gatlingllm.metrics.PercentileValue;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.metrics.TokenSource;
import java.util.List;
import java.util.Map;

/**
 * Hand-set summaries for the rendering tests. The numbers include values on which Java's {@code %.2f} and Python's
 * {@code '.2f'} disagree (0.855, 2.675, 70.125: Java rounds the decimal text half-up, Python the binary value
 * half-even), so that vLLM's exact rounding is checked.
 */
final class Summaries {
  private Summaries() {}

  static RunDescription run(Integer cap, double rate) {
    return new RunDescription("openai-chat", null, "test", "qwen3-0.6b", "Qwen/Qwen3-0.6B", 200, rate, 1.0, cap,
        1_700_000_000_000L);
  }

  /** Every optional line on: a concurrency cap, a finite rate, goodput, P99 and P99.9, failures. */
  static BenchmarkSummary full() {
    SummaryOptions opts = new SummaryOptions(List.of(99.0, 99.9), GoodputSlo.parse("ttft:500"), false);
    return BenchmarkSummary.builder(run(64, 10.0), opts)
        .completed(200).failed(3).goodCompleted(189)
        .durationSeconds(221.0625)
        .totalInputTokens(45551).totalOutputTokens(39322)
        .requestThroughput(0.905).requestGoodput(0.855)
        .outputThroughput(177.875).maxOutputTokensPerSecond(250.0).maxConcurrentRequests(12)
        .totalTokenThroughput(383.93)
        .ttft(stats(103.745, 76.73, 298.9, 310.0))
        .tpot(stats(43.15, 42.29, 66.84, 70.125))
        .itl(stats(42.78, 42.76, 43.52, 2.675))
        .e2el(stats(9876.5, 9000.0, 20000.0, 20500.0))
        .clientQueueTime(stats(12.5, 0.0, 80.25, 95.0))
        .e2elIncludingClientQueue(stats(1500.0, 1400.5, 3000.0, 3100.0))
        .errorsByLabel(Map.of("idle timeout", 1L, "HTTP 503", 2L))
        .build();
  }

  /** No optional line: no cap, rate "inf", no goodput, P99 only, no failure. */
  static BenchmarkSummary minimal() {
    return BenchmarkSummary.builder(run(null, Double.POSITIVE_INFINITY), SummaryOptions.defaults())
        .completed(5).failed(0)
        .durationSeconds(2.0)
        .totalInputTokens(30).totalOutputTokens(8)
        .requestThroughput(1.5).outputThroughput(4.0).maxOutputTokensPerSecond(8.0).maxConcurrentRequests(2)
        .totalTokenThroughput(19.0)
        .ttft(stats(103.745, 76.73, 298.9))
        .tpot(stats(43.15, 42.29, 66.84))
        .itl(stats(42.78, 42.76, 43.52))
        .e2el(stats(9876.5, 9000.0, 20000.0))
        .build();
  }

  /**
   * {@link #minimal()} for a reasoning model: 5 of the 8 output tokens were reasoning, TTFO 150 and 1200 ms (P99
   * 1189.50).
   */
  static BenchmarkSummary reasoning() {
    BenchmarkSummary plain = minimal();
    return BenchmarkSummary.builder(plain.run(), plain.options())
        .completed(5).failed(0)
        .durationSeconds(2.0)
        .totalInputTokens(30).totalOutputTokens(8)
        .requestThroughput(1.5).outputThroughput(4.0).maxOutputTokensPerSecond(8.0).maxConcurrentRequests(2)
        .totalTokenThroughput(19.0)
        .ttft(plain.ttft()).tpot(plain.tpot()).itl(plain.itl()).e2el(plain.e2el())
        .ttfo(MetricStats.of(Distribution.ofMillis(new double[] {150, 1200}), List.of(99.0)))
        .totalReasoningTokens(5)
        .reasoningTokenSources(Map.of(TokenSource.USAGE, 2L))
        .build();
  }

  /** Stats with the given mean and median and P99 (then P99.9) values; other fields are not displayed. */
  static MetricStats stats(double mean, double median, double... pValues) {
    double[] ps = {99.0, 99.9};
    List<PercentileValue> values = new java.util.ArrayList<>();
    for (int i = 0; i < pValues.length; i++) {
      values.add(new PercentileValue(ps[i], pValues[i]));
    }
    return new MetricStats(10, mean, median, 1.0, 0.0, 0.0, values);
  }
}
