package io.github.gatlingllm.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's JSON shape, its flat keys, the console line and the bottleneck sentence. */
class HealthReportTest {
  private static final long MS = 1_000_000;
  private static final long S = 1_000 * MS;

  private static HealthReport report(long cpuNanos, long lagP99) {
    return new HealthReport(
        new HealthReport.Lag(2, 1_000, 10 * MS, 100_000, lagP99, 4_100_000, 1),
        new HealthReport.Gc(3, 12 * MS, 6 * MS),
        new HealthReport.Jit(1_200, 900),
        new HealthReport.Cpu(cpuNanos, 10 * S, 2, 1.5),
        new HealthReport.Flags(50, 4, 3, 2, 0, 7),
        5 * MS,
        List.of(new Stall(Stall.Cause.LAG, 1_500 * MS, 1_700 * MS)),
        1_000 * MS,
        List.of(new HealthTimeline.Bucket(1_000 * MS, S, 300_000, 4_100_000, 6 * MS, 800, S)),
        1);
  }

  @Test
  void theJsonIsOneNestedObjectWithTheStallsOnTheRequestFilesClock() {
    Map<String, Object> json = report(9 * S, 300_000).json();
    assertEquals(List.of("sample_period_ms", "event_loop_lag", "gc", "jit", "cpu", "flagged_requests",
        "lag_threshold_ms", "client_bottleneck", "client_bottleneck_reason", "longest_stalls", "timeline"),
        List.copyOf(json.keySet()));
    @SuppressWarnings("unchecked")
    Map<String, Object> stall = ((List<Map<String, Object>>) json.get("longest_stalls")).get(0);
    assertEquals(500.0, stall.get("start_ms"), "1.5 s on nanoTime is 0.5 s after the origin");
    @SuppressWarnings("unchecked")
    Map<String, Object> flagged = (Map<String, Object>) json.get("flagged_requests");
    assertEquals(7L, flagged.get("stalls_evicted"), "a total that may miss requests says so");
    assertEquals(700.0, stall.get("end_ms"));
    assertEquals(200.0, stall.get("duration_ms"));
    @SuppressWarnings("unchecked")
    Map<String, Object> bucket =
        ((List<Map<String, Object>>) ((Map<String, Object>) json.get("timeline")).get("buckets")).get(0);
    assertEquals(0.0, bucket.get("start_s"));
    assertEquals(50.0, bucket.get("cpu_percent"), "one busy core of two");
    assertEquals(45.0, (Double) ((Map<?, ?>) json.get("cpu")).get("percent_of_cores"), 1e-9);
    assertEquals(false, json.get("client_bottleneck"));
    Map<String, Object> flat = report(9 * S, 300_000).flatFacts();
    assertEquals(HealthReport.NUMERIC_KEYS, flat.keySet().stream().collect(java.util.stream.Collectors.toSet()));
    assertEquals(4L, flat.get("health_flagged_requests"));
  }

  @Test
  void theConsoleLineSaysWhatWasSeen() {
    assertEquals(
        "Measurement health: loop lag p99 0.3 ms (max 4.1), GC 3 pauses (max 6.0 ms), JIT 1.2 s, client CPU 45 % of"
            + " 2 cores; 4 requests overlapped a stall (3 a GC pause, 2 a loop stall over 5.0 ms)",
        report(9 * S, 300_000).consoleLine());
    assertTrue(report(9 * S, 300_000).bottleneckSentence().isEmpty());
  }

  @Test
  void aBusyClientOrALateLoopIsABottleneckSaidInOneSentence() {
    HealthReport busy = report(19 * S, 300_000);
    assertEquals("client CPU 95 % of 2 cores", busy.bottleneckReason().orElseThrow());
    String sentence = busy.bottleneckSentence().orElseThrow();
    assertTrue(sentence.contains("its own queueing is in these latencies"), sentence);
    assertTrue(sentence.contains("more cores"), sentence);
    assertEquals(true, busy.json().get("client_bottleneck"));
    HealthReport late = report(9 * S, 6 * MS);
    assertEquals("event-loop lag p99 6.0 ms", late.bottleneckReason().orElseThrow());
    assertFalse(report(-1, 300_000).flatFacts().containsKey("client_cpu_percent"), "unknown CPU: no key");
  }

  @Test
  void theChartDataHasOnePairPerBucketAndTheThreshold() {
    Map<String, Object> data = HtmlHealthBlock.chartData(report(9 * S, 300_000));
    assertEquals(5.0, data.get("thresholdMs"));
    assertEquals(List.of(List.of(0.5, 6.0)), data.get("gc_ms"), "at the middle of its bucket");
    String html = HtmlHealthBlock.render(report(19 * S, 300_000));
    assertTrue(html.contains("id=\"llm-chart-health\""), html);
    assertTrue(html.contains("llm-health-bottleneck"), html);
  }
}
