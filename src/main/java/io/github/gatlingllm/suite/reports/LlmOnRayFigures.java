package io.github.gatlingllm.suite.reports;

import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenCounts;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;


/**
 * The statistics LLM-on-Ray's {@code benchmark_serving.py} reports, under its names, from our measurements (times in
 * seconds). As there, latencies are averaged over the requests that finished (here: successful ones), the request
 * throughput divides every request sent, and the token throughputs use the successful requests' counts.
 *
 * <ul>
 *   <li>{@code avg_latency}: mean E2EL (send to last chunk). LLM-on-Ray times from before its POST to the end of the
 *       body, which also includes connection setup.
 *   <li>{@code avg_per_token_latency}: mean over requests of E2EL / output tokens (E2EL alone when 0 tokens).
 *   <li>{@code avg_first_token_latency}: mean TTFT. LLM-on-Ray starts this clock when the response headers arrive, so
 *       its value leaves out the time the server takes to answer; ours is from send, as its documentation describes.
 *   <li>{@code avg_next_token_latency}: mean over requests (with at least 2 chunks) of the request's mean gap between
 *       consecutive streamed chunks, (last chunk - first chunk) / (chunks - 1): LLM-on-Ray's per-request mean of its
 *       chunk latencies after the first.
 * </ul>
 *
 * @param numPrompts requests sent
 * @param completed successful requests
 * @param benchmarkTime seconds from the first dispatch to the last completion
 * @param minPromptLen shortest prompt (tokens), 0 when none succeeded
 * @param medPromptLen median prompt length truncated to an integer, as {@code int(np.median(...))}
 * @param maxPromptLen longest prompt
 * @param inputTokens prompt tokens of the successful requests
 * @param outputTokens generated tokens of the successful requests
 * @param avgLatency seconds
 * @param avgPerTokenLatency seconds
 * @param avgFirstTokenLatency seconds
 * @param avgNextTokenLatency seconds
 */
public record LlmOnRayFigures(
    int numPrompts,
    int completed,
    double benchmarkTime,
    int minPromptLen,
    int medPromptLen,
    int maxPromptLen,
    long inputTokens,
    long outputTokens,
    double avgLatency,
    double avgPerTokenLatency,
    double avgFirstTokenLatency,
    double avgNextTokenLatency) {

  private static final double NANOS_PER_SECOND = 1e9;

  public static LlmOnRayFigures compute(List<RequestRecord> records, double benchmarkSeconds) {
    Recorder recorder = new Recorder();
    records.forEach(recorder::add);
    return recorder.figures(benchmarkSeconds);
  }

  /**
   * Gathers the figures as requests finish, in memory bounded by the number of distinct prompt lengths (the median
   * needs them, exactly). Single writer.
   */
  public static final class Recorder {
    private final TreeMap<Integer, Long> promptLens = new TreeMap<>();
    private long requests;
    private long completed;
    private long input;
    private long output;
    private double latency;
    private double perToken;
    private double firstToken;
    private double nextToken;
    private long withNext;

    public void add(RequestRecord r) {
      requests++;
      if (!r.success()) {
        return;
      }
      completed++;
      int prompt = TokenCounts.inputTokens(r);
      int generated = TokenCounts.outputTokens(r);
      promptLens.merge(prompt, 1L, Long::sum);
      input += prompt;
      output += generated;
      double e2el = r.e2elNanos() / NANOS_PER_SECOND;
      latency += e2el;
      perToken += generated == 0 ? e2el : e2el / generated;
      firstToken += r.ttftNanos() / NANOS_PER_SECOND;
      if (r.chunkCount() >= 2) {
        nextToken += (r.lastChunkNanos() - r.firstChunkNanos()) / NANOS_PER_SECOND / (r.chunkCount() - 1);
        withNext++;
      }
    }

    public LlmOnRayFigures figures(double benchmarkSeconds) {
      long n = completed;
      return new LlmOnRayFigures(
          (int) requests,
          (int) n,
          benchmarkSeconds,
          n == 0 ? 0 : promptLens.firstKey(),
          n == 0 ? 0 : median(),
          n == 0 ? 0 : promptLens.lastKey(),
          input,
          output,
          n == 0 ? 0 : latency / n,
          n == 0 ? 0 : perToken / n,
          n == 0 ? 0 : firstToken / n,
          withNext == 0 ? 0 : nextToken / withNext);
    }

    /** {@code int(np.median(sorted))}: the mean of the two middle values for an even count, truncated. */
    private int median() {
      long n = completed;
      if (n % 2 == 1) {
        return valueAtRank(n / 2);
      }
      return (int) ((valueAtRank(n / 2 - 1) + (long) valueAtRank(n / 2)) / 2.0);
    }

    private int valueAtRank(long k) {
      long seen = 0;
      for (Map.Entry<Integer, Long> e : promptLens.entrySet()) {
        seen += e.getValue();
        if (seen > k) {
          return e.getKey();
        }
      }
      throw new IllegalStateException("rank " + k + " of " + completed);
    }
  }

  public int failed() {
    return numPrompts - completed;
  }

  /** {@code throughput_requests_per_s}: every request sent / benchmark time, as LLM-on-Ray divides. */
  public double throughputRequestsPerSecond() {
    return benchmarkTime > 0 ? numPrompts / benchmarkTime : 0;
  }

  public double inputThroughputTokensPerSecond() {
    return benchmarkTime > 0 ? inputTokens / benchmarkTime : 0;
  }

  public double outputThroughputTokensPerSecond() {
    return benchmarkTime > 0 ? outputTokens / benchmarkTime : 0;
  }
}
