package io.github.gatlingllm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * How late the client sent, from the per-request arrays of {@code llm-summary.json} ({@code llm.saveDetailed=true}),
 * and the rate it achieved. Percentiles are exact, numpy-linear.
 *
 * <ul>
 *   <li>Open loop: the lag is the summary's {@code queue_times}, send minus the intended arrival on the Poisson
 *       schedule. Achieved rate: (requests sent - 1) / (last send - first send); the intended arrivals span
 *       numPrompts / rate by construction, so this is the rate the client really sent at.
 *   <li>Closed loop (N slots): the queue time there holds the wait for a free slot, the server's time, so the lag is
 *       measured per slot instead: the k-th send (in time order) takes the slot freed by the (k - N)-th end (FIFO), so
 *       lag = send(k) - end(k - N), the time a stream's slot stays empty on the client between one answer's end
 *       (its last read, send + E2EL) and the next request's send. The first N sends have no predecessor and are left
 *       out. Failed requests have no end: with failures the pairing is approximate. Achieved rate: requests that
 *       ended / (last end - first send), as the N first sends leave together.
 * </ul>
 */
record SendLag(double p50Ms, double p99Ms, double maxMs, double achievedRate, int sent) {

  static SendLag open(JsonNode summary) {
    double[] sends = sends(summary);
    JsonNode queue = summary.path("queue_times");
    double[] lags = new double[queue.size()];
    for (int i = 0; i < lags.length; i++) {
      lags[i] = queue.get(i).asDouble() * 1000;
    }
    return of(lags, sends);
  }

  static SendLag closed(JsonNode summary, int slots) {
    double[] unsorted = LevelResult.sendNanotimes(summary);
    double[] sends = sends(summary);
    JsonNode latencies = summary.path("latencies");
    double[] ends = new double[unsorted.length];
    int e = 0;
    for (int i = 0; i < unsorted.length; i++) {
      double latency = latencies.path(i).asDouble();
      if (latency > 0) {
        ends[e++] = unsorted[i] / 1e9 + latency;
      }
    }
    ends = Arrays.copyOf(ends, e);
    Arrays.sort(ends);
    double[] lags = new double[Math.max(0, Math.min(sends.length - slots, ends.length))];
    for (int k = 0; k < lags.length; k++) {
      lags[k] = (sends[k + slots] - ends[k]) * 1000;
    }
    SendLag lag = of(lags, sends);
    // N requests leave at once at the start: over the sends alone the rate would count that burst. Over the run:
    // requests that ended / (last end - first send).
    double rate = ends.length < 1 || sends.length < 1 ? Double.NaN : ends.length / (ends[ends.length - 1] - sends[0]);
    return new SendLag(lag.p50Ms(), lag.p99Ms(), lag.maxMs(), rate, lag.sent());
  }

  /** The send times (s, absolute nanoTime / 1e9: see {@link LevelResult#sendNanotimes}), sorted. */
  private static double[] sends(JsonNode summary) {
    double[] sends = LevelResult.sendNanotimes(summary);
    for (int i = 0; i < sends.length; i++) {
      sends[i] /= 1e9;
    }
    Arrays.sort(sends);
    return sends;
  }

  private static SendLag of(double[] lags, double[] sends) {
    Arrays.sort(lags);
    double rate =
        sends.length < 2 ? Double.NaN : (sends.length - 1) / (sends[sends.length - 1] - sends[0]);
    return new SendLag(
        percentile(lags, 50), percentile(lags, 99), lags.length == 0 ? Double.NaN : lags[lags.length - 1], rate,
        sends.length);
  }

  /** numpy's default (linear) percentile of sorted values; NaN for none. */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double rank = p / 100 * (sorted.length - 1);
    int lo = (int) Math.floor(rank);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
  }
}
