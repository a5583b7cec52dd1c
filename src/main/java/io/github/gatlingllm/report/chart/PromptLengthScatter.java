package io.github.gatlingllm.report.chart;

import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenCounts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * TTFT against prompt length, one point per successful request with a known prompt length, downsampled to at most
 * {@link #MAX_POINTS}: the {@link #SLOWEST} slowest requests are always kept (the outliers are the point of a
 * scatter), the rest is a uniform random sample (reservoir sampling with a fixed seed, so the same requests in the
 * same order give the same points). Built as requests finish ({@link Sampler}), in memory bounded by the point count.
 *
 * @param points {@code [input tokens, TTFT ms]} pairs, in the order their requests finished
 * @param total number of requests the points were drawn from
 */
public record PromptLengthScatter(List<double[]> points, long total) {
  public static final int MAX_POINTS = 1000;
  static final int SLOWEST = 50;

  public static PromptLengthScatter compute(List<RequestRecord> records) {
    Sampler sampler = new Sampler();
    records.forEach(sampler::add);
    return sampler.scatter();
  }

  /** Collects the points as requests finish. Single writer. */
  public static final class Sampler {
    private static final int RESERVOIR = MAX_POINTS;
    private static final long SEED = 0x5CA7_7E25L;

    private final SplittableRandom random = new SplittableRandom(SEED);
    /** Every point while there are at most MAX_POINTS: then the scatter is complete. */
    private List<double[]> all = new ArrayList<>();
    private final PriorityQueue<double[]> slowest = new PriorityQueue<>(Comparator.comparingDouble(p -> p[1]));
    private final List<double[]> reservoir = new ArrayList<>(RESERVOIR);
    private long total;

    public void add(RequestRecord r) {
      int in = TokenCounts.inputTokens(r);
      if (!r.success() || in <= 0) {
        return;
      }
      // {input tokens, TTFT ms, arrival number}: the number restores the finishing order in the output.
      double[] point = {in, r.ttftNanos() / 1e6, total};
      total++;
      if (all != null) {
        all.add(point);
        if (all.size() > MAX_POINTS) {
          all = null;
        }
      }
      slowest.add(point);
      if (slowest.size() > SLOWEST) {
        slowest.poll();
      }
      if (reservoir.size() < RESERVOIR) {
        reservoir.add(point);
      } else {
        long j = random.nextLong(total);
        if (j < RESERVOIR) {
          reservoir.set((int) j, point);
        }
      }
    }

    public PromptLengthScatter scatter() {
      List<double[]> chosen;
      if (all != null) {
        chosen = all;
      } else {
        // The slowest, then reservoir points (a uniform sample, in slot order) until MAX_POINTS.
        IdentityHashMap<double[], Boolean> union = new IdentityHashMap<>();
        slowest.forEach(p -> union.put(p, true));
        for (int i = 0; i < reservoir.size() && union.size() < MAX_POINTS; i++) {
          union.put(reservoir.get(i), true);
        }
        chosen = new ArrayList<>(union.keySet());
        chosen.sort(Comparator.comparingDouble(p -> p[2]));
      }
      List<double[]> points = new ArrayList<>(chosen.size());
      for (double[] p : chosen) {
        points.add(new double[] {p[0], p[1]});
      }
      return new PromptLengthScatter(points, total);
    }
  }
}
