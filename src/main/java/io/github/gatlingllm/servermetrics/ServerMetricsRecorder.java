package io.github.gatlingllm.servermetrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns successive readings into the normalized samples (handed to {@code sink}, e.g. the CSV) and the run's
 * statistics. Counters become deltas since the first scrape: a server that has run for days reports its lifetime
 * totals, and only this run's share says anything about this load. Called by the sampler's one thread; read at the
 * end by another, hence the lock.
 */
public final class ServerMetricsRecorder {
  private final String url;
  private final long originNanos;
  private final Consumer<ServerSample> sink;
  private final Map<String, SeriesStats> stats = new HashMap<>();
  private final Map<String, List<ServerMetricsResult.Point>> points = new LinkedHashMap<>();
  private ServerReading first;
  private ServerReading last;
  private final SeriesStats hitRateGauge = new SeriesStats();
  private long scrapes;
  private long failures;

  /**
   * @param originNanos {@link System#nanoTime()} of the run's origin: the CSV's times count from it
   * @param sink receives every normalized sample, on the sampler's thread
   */
  public ServerMetricsRecorder(String url, long originNanos, Consumer<ServerSample> sink) {
    this.url = url;
    this.originNanos = originNanos;
    this.sink = sink;
  }

  public synchronized void failed() {
    failures++;
  }

  /** One scrape's reading, taken at {@code nanos} ({@link System#nanoTime()}). */
  public synchronized void add(long nanos, ServerReading r) {
    scrapes++;
    if (first == null) {
      first = r;
    }
    last = r;
    add(nanos, ServerSample.RUNNING, r.running());
    add(nanos, ServerSample.WAITING, r.waiting());
    add(nanos, ServerSample.KV_CACHE_USAGE, r.kvCacheUsage());
    if (!Double.isNaN(r.prefixCacheHitRate())) {
      hitRateGauge.add(r.prefixCacheHitRate());
    }
    add(nanos, ServerSample.PREFIX_CACHE_HIT_RATE, hitRateSoFar(r));
    add(nanos, ServerSample.PREEMPTIONS, delta(first.preemptions(), r.preemptions()));
    add(nanos, ServerSample.GPU_MEMORY_USED, r.gpuMemoryUsedBytes());
  }

  /** The counters' hit rate since the first scrape when they exist, else the server's own gauge. */
  private double hitRateSoFar(ServerReading r) {
    double queries = delta(first.prefixCacheQueries(), r.prefixCacheQueries());
    if (!Double.isNaN(queries)) {
      return queries > 0 ? delta(first.prefixCacheHits(), r.prefixCacheHits()) / queries : Double.NaN;
    }
    return r.prefixCacheHitRate();
  }

  /** A counter's increase; a server restarted mid-run resets it, and then its new total is the best estimate. */
  private static double delta(double from, double to) {
    if (Double.isNaN(from) || Double.isNaN(to)) {
      return Double.NaN;
    }
    return to >= from ? to - from : to;
  }

  private void add(long nanos, String series, double value) {
    if (Double.isNaN(value)) {
      return;
    }
    stats.computeIfAbsent(series, s -> new SeriesStats()).add(value);
    points.computeIfAbsent(series, s -> new ArrayList<>()).add(new ServerMetricsResult.Point(nanos, value));
    sink.accept(new ServerSample((nanos - originNanos) / 1_000_000, series, value));
  }

  public synchronized ServerMetricsResult result() {
    Map<String, ServerMetricsResult.Stats> series = new LinkedHashMap<>();
    for (String name : ServerSample.SERIES) {
      SeriesStats s = stats.get(name);
      if (s != null) {
        series.put(name, s.snapshot());
      }
    }
    Map<String, List<ServerMetricsResult.Point>> copies = new LinkedHashMap<>();
    points.forEach((name, list) -> copies.put(name, List.copyOf(list)));
    double hitRate = Double.NaN;
    double preemptions = Double.NaN;
    if (first != null) {
      double queries = delta(first.prefixCacheQueries(), last.prefixCacheQueries());
      hitRate = !Double.isNaN(queries) ? hitRateSoFar(last) : hitRateGauge.snapshot().mean();
      preemptions = delta(first.preemptions(), last.preemptions());
    }
    return new ServerMetricsResult(url, scrapes, failures, series, hitRate, preemptions, copies);
  }
}
