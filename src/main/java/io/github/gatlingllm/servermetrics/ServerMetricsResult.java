package io.github.gatlingllm.servermetrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sampler saw over the run, for the end-of-run outputs.
 *
 * @param url the scraped URL
 * @param scrapes scrapes that gave a reading
 * @param failures scrapes that failed (error, timeout, non-200 answer, not Prometheus text)
 * @param series per normalized series present, in the order of {@link ServerSample#SERIES}
 * @param prefixCacheHitRate hits / queries over the run (counter deltas between the first and last scrape), else the
 *     mean of a hit-rate gauge; NaN when the server exports neither or nothing was queried
 * @param preemptions preemptions during the run (counter delta); NaN when not exported
 * @param points per series, the value at every scrape, for the chart
 */
public record ServerMetricsResult(
    String url,
    long scrapes,
    long failures,
    Map<String, Stats> series,
    double prefixCacheHitRate,
    double preemptions,
    Map<String, List<Point>> points) {

  /** One series over the run. */
  public record Stats(long samples, double mean, double max) {}

  /** One value at one scrape, stamped with {@link System#nanoTime()} like the requests' records. */
  public record Point(long nanos, double value) {}

  public ServerMetricsResult {
    // Ordered copies: the outputs list the series in the order they were first seen.
    series = Collections.unmodifiableMap(new LinkedHashMap<>(series));
    points = Collections.unmodifiableMap(new LinkedHashMap<>(points));
  }

  /** Whether any scrape was attempted: the outputs say nothing about a sampler that never ran. */
  public boolean sampled() {
    return scrapes + failures > 0;
  }
}
