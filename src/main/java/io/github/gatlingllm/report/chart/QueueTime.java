package io.github.gatlingllm.report.chart;

/**
 * Client-side queue time over time: for the requests that <em>arrived</em> (intended start) in each bucket, the mean
 * and the largest wait before being sent. Bucketing by arrival rather than by send shows when the backlog built up:
 * a saturated concurrency cap makes later arrivals wait longer and longer (coordinated omission, docs/metrics.md).
 *
 * @param meanMs mean wait per bucket, NaN (a gap in the line) for a bucket without arrivals
 * @param maxMs largest wait per bucket, NaN likewise
 * @param anyQueued whether any request waited at least {@link #NOTICEABLE_MS}; the chart is left out otherwise
 */
public record QueueTime(double[] meanMs, double[] maxMs, boolean anyQueued) {
  /** Below this, "queueing" is scheduler jitter, not a backlog worth a chart. */
  public static final double NOTICEABLE_MS = 1.0;
}
