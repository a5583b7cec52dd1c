package io.github.gatlingllm.report.chart;

import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TTFT against prompt length, one point per successful request with a known prompt length, downsampled to at most
 * {@link #MAX_POINTS}: the {@link #SLOWEST} slowest requests are always kept (the outliers are the point of a
 * scatter), the rest is an even, deterministic sample in record order (every k-th).
 *
 * @param points {@code [input tokens, TTFT ms]} pairs
 * @param total number of requests the points were drawn from
 */
public record PromptLengthScatter(List<double[]> points, int total) {
  public static final int MAX_POINTS = 1000;
  static final int SLOWEST = 50;

  public static PromptLengthScatter compute(List<RequestRecord> records) {
    List<double[]> all = new ArrayList<>();
    for (RequestRecord r : records) {
      int in = TokenCounts.inputTokens(r);
      if (r.success() && in > 0) {
        all.add(new double[] {in, r.ttftNanos() / 1e6});
      }
    }
    int n = all.size();
    if (n <= MAX_POINTS) {
      return new PromptLengthScatter(all, n);
    }
    // The SLOWEST largest TTFTs, by index (ties broken by order, so the choice is deterministic).
    Integer[] byTtft = new Integer[n];
    for (int i = 0; i < n; i++) {
      byTtft[i] = i;
    }
    Arrays.sort(byTtft, (a, b) -> Double.compare(all.get(b)[1], all.get(a)[1]));
    boolean[] keep = new boolean[n];
    for (int i = 0; i < SLOWEST; i++) {
      keep[byTtft[i]] = true;
    }
    int rest = MAX_POINTS - SLOWEST;
    double step = (double) (n - SLOWEST) / rest;
    int taken = 0;
    int seen = 0;
    for (int i = 0; i < n && taken < rest; i++) {
      if (keep[i]) {
        continue;
      }
      if (seen == (int) Math.floor(taken * step)) {
        keep[i] = true;
        taken++;
      }
      seen++;
    }
    List<double[]> sample = new ArrayList<>(MAX_POINTS);
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        sample.add(all.get(i));
      }
    }
    return new PromptLengthScatter(sample, n);
  }
}
