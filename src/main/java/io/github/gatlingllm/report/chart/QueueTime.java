package io.github.gatlingllm.report.chart;

import io.github.gatlingllm.metrics.RequestRecord;
import java.util.List;

/**
 * Client-side queue time over time: for the requests that <em>arrived</em> (intended start) in each bucket, the mean
 * and the largest wait before being sent. Bucketing by arrival rather than by send shows when the backlog built up:
 * a saturated concurrency cap makes later arrivals wait longer and longer (coordinated omission, metrics.md).
 *
 * @param meanMs mean wait per bucket, NaN (a gap in the line) for a bucket without arrivals
 * @param maxMs largest wait per bucket, NaN likewise
 * @param anyQueued whether any request waited at least {@link #NOTICEABLE_MS}; the chart is left out otherwise
 */
public record QueueTime(double[] meanMs, double[] maxMs, boolean anyQueued) {
  /** Below this, "queueing" is scheduler jitter, not a backlog worth a chart. */
  static final double NOTICEABLE_MS = 1.0;

  public static QueueTime compute(List<RequestRecord> records, TimeBuckets axis) {
    int b = axis.count();
    double[] sum = new double[b];
    double[] max = new double[b];
    int[] count = new int[b];
    boolean any = false;
    for (RequestRecord r : records) {
      if (r.sendNanos() == RequestRecord.NONE) {
        continue; // never sent: no queue time to speak of
      }
      double ms = r.queueNanos() / 1e6;
      int i = axis.index(r.intendedNanos());
      sum[i] += ms;
      max[i] = count[i] == 0 ? ms : Math.max(max[i], ms);
      count[i]++;
      any |= ms >= NOTICEABLE_MS;
    }
    double[] mean = new double[b];
    for (int i = 0; i < b; i++) {
      mean[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
      if (count[i] == 0) {
        max[i] = Double.NaN;
      }
    }
    return new QueueTime(mean, max, any);
  }
}
