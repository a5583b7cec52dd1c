package io.github.gatlingllm.metrics;

import java.util.List;

/**
 * vLLM's {@code max_output_tokens_per_s}: every chunk of every successful request is put into a 1-second bucket
 * counted from the earliest send among the successful requests; the result is the fullest bucket.
 *
 * <p>vLLM rebuilds each chunk time as {@code start + ttft + sum(itl)}: that is exactly our chunk times. It counts one
 * per chunk, not per token, despite the name: so do we (metrics.md).
 */
final class PeakOutputRate {
  private static final long SECOND = 1_000_000_000L;

  private PeakOutputRate() {}

  static double compute(List<RequestRecord> successful) {
    if (successful.isEmpty()) {
      return 0;
    }
    long origin = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (RequestRecord r : successful) {
      origin = Math.min(origin, r.sendNanos());
      last = Math.max(last, r.lastChunkNanos());
    }
    if (last < origin) {
      return 0;
    }
    int[] buckets = new int[Math.toIntExact((last - origin) / SECOND + 1)];
    int max = 0;
    for (RequestRecord r : successful) {
      for (int i = 0; i < r.chunkCount(); i++) {
        long offset = r.chunkNanos(i) - origin;
        if (offset >= 0) {
          int b = (int) (offset / SECOND);
          max = Math.max(max, ++buckets[b]);
        }
      }
    }
    return max;
  }
}
