package io.github.gatlingllm.protocol;

import io.github.gatlingllm.metrics.MetricSamples;
import io.github.gatlingllm.metrics.RunStatistics;
import java.util.Locale;

/**
 * The LLM line printed once per Gatling console period while a run goes: requests done and in flight, failures,
 * output tokens/s over the last period, and TTFT p50/p99 so far, read off the TTFT histogram (within 0.1 %), so a line
 * costs the same after a million requests as after ten. Runs on the statistics thread, never on an event loop.
 */
final class LiveProgress {
  private long lastTickNanos;
  private long lastOutputTokens;

  LiveProgress(long startNanos) {
    this.lastTickNanos = startNanos;
  }

  /**
   * The line for now; also starts the next period.
   *
   * @param started measured requests started so far
   */
  String line(RunStatistics statistics, long started, long nowNanos) {
    long done = statistics.requests();
    long outputTokens = statistics.outputTokens();
    double seconds = Math.max(1e-9, (nowNanos - lastTickNanos) / 1e9);
    double tokensPerSecond = (outputTokens - lastOutputTokens) / seconds;
    lastTickNanos = nowNanos;
    lastOutputTokens = outputTokens;
    MetricSamples ttft = statistics.ttftSamples();
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "LLM: %d done (%d failed), %d in flight, %.1f output tok/s, TTFT p50 %.1f ms, p99 %.1f ms",
                done,
                statistics.failed(),
                Math.max(0, started - done),
                tokensPerSecond,
                ttft.histogramPercentileMs(50),
                ttft.histogramPercentileMs(99)));
    if (statistics.cancelled() > 0) {
      line.append(", ").append(statistics.cancelled()).append(" cancelled");
    }
    return line.toString();
  }
}
