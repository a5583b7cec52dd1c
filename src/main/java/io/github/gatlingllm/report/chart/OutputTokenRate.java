package io.github.gatlingllm.report.chart;

import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenCounts;
import java.util.List;

/**
 * Output tokens per second over time. Each successful request's output tokens are spread evenly over its chunks and
 * each chunk counts in the bucket where it arrived: with one token per chunk (the usual stream) this is vLLM's chunk
 * count per second, and when a server packs several tokens into a chunk the total still equals the run's generated
 * tokens.
 */
public final class OutputTokenRate {
  private OutputTokenRate() {}

  /** Tokens per second in each bucket. */
  public static double[] compute(List<RequestRecord> records, TimeBuckets axis) {
    double[] tokens = new double[axis.count()];
    for (RequestRecord r : records) {
      int out = TokenCounts.outputTokens(r);
      if (!r.success() || out <= 0) {
        continue;
      }
      double perChunk = (double) out / r.chunkCount();
      for (int i = 0; i < r.chunkCount(); i++) {
        tokens[axis.index(r.chunkNanos(i))] += perChunk;
      }
    }
    double seconds = axis.widthSeconds();
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] /= seconds;
    }
    return tokens;
  }
}
