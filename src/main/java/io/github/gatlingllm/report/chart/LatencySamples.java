package io.github.gatlingllm.report.chart;

import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenCounts;
import java.util.Arrays;
import java.util.List;

/**
 * The raw samples, in milliseconds and sorted, behind each latency chart: the same samples {@code SummaryCalculator}
 * summarizes (successful requests only; TPOT only for requests with more than one output token; ITL pooled over all
 * chunk gaps), so that a chart and the table beside it never disagree.
 */
public final class LatencySamples {
  private static final double NANOS_PER_MS = 1e6;

  private LatencySamples() {}

  public static double[] ttft(List<RequestRecord> records) {
    double[] v = new double[records.size()];
    int n = 0;
    for (RequestRecord r : records) {
      if (r.success()) {
        v[n++] = r.ttftNanos() / NANOS_PER_MS;
      }
    }
    return sorted(v, n);
  }

  public static double[] tpot(List<RequestRecord> records) {
    double[] v = new double[records.size()];
    int n = 0;
    for (RequestRecord r : records) {
      int out = TokenCounts.outputTokens(r);
      if (r.success() && out > 1) {
        v[n++] = (r.lastChunkNanos() - r.firstChunkNanos()) / NANOS_PER_MS / (out - 1);
      }
    }
    return sorted(v, n);
  }

  public static double[] itl(List<RequestRecord> records) {
    long total = 0;
    for (RequestRecord r : records) {
      if (r.success()) {
        total += r.itlCount();
      }
    }
    double[] v = new double[Math.toIntExact(total)];
    int n = 0;
    for (RequestRecord r : records) {
      if (r.success()) {
        for (int i = 0; i < r.itlCount(); i++) {
          v[n++] = r.itlNanos(i) / NANOS_PER_MS;
        }
      }
    }
    return sorted(v, n);
  }

  public static double[] e2el(List<RequestRecord> records) {
    double[] v = new double[records.size()];
    int n = 0;
    for (RequestRecord r : records) {
      if (r.success()) {
        v[n++] = r.e2elNanos() / NANOS_PER_MS;
      }
    }
    return sorted(v, n);
  }

  /**
   * LLM-on-Ray's "average latency per token": each successful request's E2EL divided by its output tokens, averaged
   * over the requests that produced any; 0 when none did.
   */
  public static double meanLatencyPerOutputTokenMs(List<RequestRecord> records) {
    double sum = 0;
    int n = 0;
    for (RequestRecord r : records) {
      int out = TokenCounts.outputTokens(r);
      if (r.success() && out > 0) {
        sum += r.e2elNanos() / NANOS_PER_MS / out;
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  private static double[] sorted(double[] values, int n) {
    double[] v = n == values.length ? values : Arrays.copyOf(values, n);
    Arrays.sort(v);
    return v;
  }
}
