package io.github.gatlingllm.health;

import java.util.ArrayList;
import java.util.List;

/**
 * The health over time for the chart, in at most {@link #MAX_BUCKETS} buckets whatever the run's length: samples are
 * added in time order, each covering one sampler period; when the buckets are full, neighbours are merged in pairs
 * and the width doubles (a day-long run at 1 s samples ends with 256 s buckets). Merging sums the times (wall, CPU,
 * GC, JIT) and keeps the larger lag maximum; a merged bucket's lag p99 is the larger of its two halves' p99s, an upper
 * bound of the true one (exact per-bucket percentiles would need a histogram per bucket).
 *
 * <p>Written by the sampler thread; read once it has stopped.
 */
final class HealthTimeline {
  static final int MAX_BUCKETS = 600;

  /** One bucket (or one sample, before it joins a bucket). */
  record Bucket(
      long startNanos, long wallNanos, long lagP99Nanos, long lagMaxNanos, long gcNanos, long jitMillis,
      long cpuNanos) {
    Bucket merge(Bucket next) {
      return new Bucket(
          startNanos,
          wallNanos + next.wallNanos,
          Math.max(lagP99Nanos, next.lagP99Nanos),
          Math.max(lagMaxNanos, next.lagMaxNanos),
          gcNanos + next.gcNanos,
          jitMillis + next.jitMillis,
          cpuNanos + next.cpuNanos);
    }
  }

  private final List<Bucket> full = new ArrayList<>();
  /** Samples per bucket: 1, 2, 4, ... */
  private int width = 1;
  private Bucket open;
  private int openSamples;

  void add(Bucket sample) {
    open = open == null ? sample : open.merge(sample);
    openSamples++;
    if (openSamples == width) {
      full.add(open);
      open = null;
      openSamples = 0;
      if (full.size() == MAX_BUCKETS) {
        halve();
      }
    }
  }

  private void halve() {
    List<Bucket> merged = new ArrayList<>(MAX_BUCKETS / 2);
    for (int i = 0; i + 1 < full.size(); i += 2) {
      merged.add(full.get(i).merge(full.get(i + 1)));
    }
    full.clear();
    full.addAll(merged);
    width *= 2;
  }

  /** Samples per bucket. */
  int width() {
    return width;
  }

  /** The buckets, the last one possibly partial. */
  List<Bucket> buckets() {
    List<Bucket> all = new ArrayList<>(full);
    if (open != null) {
      all.add(open);
    }
    return all;
  }
}
