package io.github.gatlingllm.servermetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerMetricsRecorderTest {
  private static final double NA = Double.NaN;
  private static final long ORIGIN = 5_000_000_000L;

  @Test
  void countersBecomeDeltasSinceTheFirstScrapeAndGaugesStats() {
    List<ServerSample> rows = new ArrayList<>();
    ServerMetricsRecorder recorder = new ServerMetricsRecorder("http://h:1/metrics", ORIGIN, rows::add);
    // A server that has run before: lifetime totals of 1000 queries, 900 hits, 7 preemptions.
    recorder.add(ORIGIN, new ServerReading(0, 0, 0.1, 900, 1000, NA, 7, NA));
    recorder.add(ORIGIN + 1_000_000_000L, new ServerReading(4, 2, 0.5, 950, 1100, NA, 8, NA));
    recorder.add(ORIGIN + 2_000_000_000L, new ServerReading(2, 0, 0.3, 1000, 1200, NA, 10, NA));
    recorder.failed();

    ServerMetricsResult r = recorder.result();
    assertEquals(3, r.scrapes());
    assertEquals(1, r.failures());
    assertEquals(0.5, r.prefixCacheHitRate(), 1e-12); // (1000 - 900) / (1200 - 1000)
    assertEquals(3.0, r.preemptions());
    assertEquals(new ServerMetricsResult.Stats(3, 2.0, 4.0), r.series().get(ServerSample.RUNNING));
    assertEquals(0.5, r.series().get(ServerSample.KV_CACHE_USAGE).max());
    assertEquals(List.of("running", "waiting", "kv_cache_usage", "prefix_cache_hit_rate", "preemptions"),
        List.copyOf(r.series().keySet()));
    // No hit rate yet at the first scrape (nothing queried during the run): no row for it.
    assertEquals(2, r.series().get(ServerSample.PREFIX_CACHE_HIT_RATE).samples());
    assertEquals(new ServerSample(1000, "waiting", 2.0), rows.get(5));
    assertEquals(new ServerSample(2000, "preemptions", 3.0), rows.get(rows.size() - 1));

    Map<String, Object> json = ServerMetricsJson.of(r);
    assertEquals(3L, json.get("scrapes"));
    assertEquals(1L, json.get("scrape_failures"));
    assertEquals(0.5, json.get("prefix_cache_hit_rate"));
  }

  @Test
  void aHitRateGaugeIsAveragedAndMissingFiguresAreNull() {
    ServerMetricsRecorder recorder = new ServerMetricsRecorder("u", ORIGIN, row -> {});
    recorder.add(ORIGIN, new ServerReading(1, 0, NA, NA, NA, 0.2, NA, NA));
    recorder.add(ORIGIN, new ServerReading(1, 0, NA, NA, NA, 0.4, NA, NA));
    ServerMetricsResult r = recorder.result();
    assertEquals(0.3, r.prefixCacheHitRate(), 1e-12);
    assertFalse(r.series().containsKey(ServerSample.KV_CACHE_USAGE));
    Map<String, Object> json = ServerMetricsJson.of(r);
    assertNull(json.get("preemptions"));
  }

  @Test
  void nothingScrapedMeansNotSampled() {
    ServerMetricsResult r = new ServerMetricsRecorder("u", ORIGIN, row -> {}).result();
    assertFalse(r.sampled());
    assertTrue(Double.isNaN(r.prefixCacheHitRate()));
  }
}
