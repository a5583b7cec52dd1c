package io.github.gatlingllm.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * vLLM's {@code max_concurrent_requests}: the most successful requests in flight at once, by an exact sweep over
 * the half-open intervals {@code [send, send + E2EL)}. On equal times an end is handled before a start, so a request
 * that starts exactly when another ends does not overlap it.
 */
final class PeakConcurrency {
  private PeakConcurrency() {}

  static int compute(List<RequestRecord> successful) {
    int n = successful.size();
    long[] starts = new long[n];
    long[] ends = new long[n];
    for (int i = 0; i < n; i++) {
      RequestRecord r = successful.get(i);
      starts[i] = r.sendNanos();
      ends[i] = r.lastChunkNanos();
    }
    Arrays.sort(starts);
    Arrays.sort(ends);
    int current = 0;
    int peak = 0;
    int s = 0;
    int e = 0;
    while (s < n) {
      if (e < n && ends[e] <= starts[s]) { // ends first on ties
        current--;
        e++;
      } else {
        current++;
        s++;
        peak = Math.max(peak, current);
      }
    }
    return peak;
  }
}
