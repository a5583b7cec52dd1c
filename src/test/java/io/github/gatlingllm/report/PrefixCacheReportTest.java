package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.SummaryCalculator;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.metrics.TestRecords;
import io.github.gatlingllm.servermetrics.ServerMetricsRecorder;
import io.github.gatlingllm.servermetrics.ServerReading;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client-side prefix cache figures ({@code cached_tokens} of the answers) in llm-summary.json, the console and the
 * HTML, on {@link TestRecords#cachedScenario()}: A hit (8 of 10 cached, TTFT 100 ms), B miss (0 of 20, TTFT 300 ms), C
 * silent, D failed.
 */
class PrefixCacheReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SummaryOptions OPTIONS = new SummaryOptions(List.of(99.0), null, false, false);

  private static BenchmarkSummary summary(List<RequestRecord> records) {
    return SummaryCalculator.compute(records, TestRecords.run(null, 10.0), OPTIONS);
  }

  private static JsonNode json(List<RequestRecord> records) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SummaryJson.write(summary(records), records, Map.of(), out);
    return JSON.readTree(out.toByteArray());
  }

  @Test
  void summaryKeysOverTheSuccessfulRequestsThatReported() throws Exception {
    JsonNode json = json(TestRecords.cachedScenario());
    assertEquals(8, json.get("total_cached_tokens").asLong(), "D failed: its 30 are not counted");
    assertEquals(8.0 / 30, json.get("prefix_cache_hit_rate").asDouble(), 1e-12, "C's 0 prompt tokens not counted");
    assertEquals(2, json.get("cache_reported_requests").asLong());
    assertEquals(1, json.get("cache_hit_requests").asLong());
    assertEquals(1, json.get("cache_miss_requests").asLong());
    assertEquals(100.0, json.get("mean_ttft_cache_hit_ms").asDouble(), 1e-9);
    assertEquals(100.0, json.get("median_ttft_cache_hit_ms").asDouble(), 1e-9);
    assertEquals(100.0, json.get("p99_ttft_cache_hit_ms").asDouble(), 1e-9);
    assertEquals(300.0, json.get("mean_ttft_cache_miss_ms").asDouble(), 1e-9);
    assertEquals(300.0, json.get("p99_ttft_cache_miss_ms").asDouble(), 1e-9);
  }

  @Test
  void withoutAnyReportTheRateIsNullNotZero() throws Exception {
    JsonNode json = json(TestRecords.scenario());
    assertTrue(json.get("prefix_cache_hit_rate").isNull());
    assertEquals(0, json.get("total_cached_tokens").asLong());
    assertEquals(0, json.get("cache_reported_requests").asLong());
    assertEquals(0, json.get("cache_hit_requests").asLong());
    assertEquals(0, json.get("cache_miss_requests").asLong());
    assertFalse(ConsoleBlock.render(summary(TestRecords.scenario())).contains("Prefix cache"));
  }

  @Test
  void anSloOnTheHitRateFailsWhenNothingWasReported() {
    SummaryCheck check = SummaryCheck.parse("prefix_cache_hit_rate>0.1");
    assertTrue(SummaryChecks.evaluate(List.of(check), summary(TestRecords.cachedScenario()), Map.of()).get(0).passed());
    assertFalse(SummaryChecks.evaluate(List.of(check), summary(TestRecords.scenario()), Map.of()).get(0).passed());
  }

  @Test
  void perScenarioToo() throws Exception {
    List<RequestRecord> records = TestRecords.cachedScenario();
    records.get(1).origin("other", 2, 1);
    JsonNode scenarios = json(records).get("scenarios");
    assertEquals(1.0 * 8 / 10, scenarios.get("").get("prefix_cache_hit_rate").asDouble(), 1e-12);
    assertEquals(0.0, scenarios.get("other").get("prefix_cache_hit_rate").asDouble());
    assertEquals(1, scenarios.get("other").get("cache_miss_requests").asLong());
  }

  @Test
  void consoleSectionOnlyWhenReported() {
    String block = ConsoleBlock.render(summary(TestRecords.cachedScenario()));
    assertTrue(block.contains(
        """
        ------------Prefix cache (client side)------------
        Requests reporting cached tokens:        2         \n\
        Hit / miss requests:                     1 / 1     \n\
        Total cached tokens:                     8         \n\
        Prefix cache hit rate, client (%):       26.67     \n\
        Mean TTFT hit / miss (ms):               100.00 / 300.00
        P99 TTFT hit / miss (ms):                100.00 / 300.00
        """), block);
  }

  @Test
  void theServerBlockShowsBothRatesOneUnderTheOther() {
    ServerMetricsRecorder recorder = new ServerMetricsRecorder("http://127.0.0.1:8000/metrics", 0, row -> {});
    recorder.add(0, new ServerReading(0, 0, 0.0, 0, 0, Double.NaN, 0, Double.NaN));
    recorder.add(1_000_000_000L, new ServerReading(3, 1, 0.25, 10, 40, Double.NaN, 2, Double.NaN));
    String block = ServerMetricsBlock.render(recorder.result(), summary(TestRecords.cachedScenario()).prefixCache());
    assertTrue(block.contains("Prefix cache hit rate (%):               25.00     \n"
        + "Prefix cache hit rate, client (%):       26.67     \n"), block);
    String silent = ServerMetricsBlock.render(recorder.result(), summary(TestRecords.scenario()).prefixCache());
    assertFalse(silent.contains("client"), silent);
  }

  @Test
  void htmlTilesOnlyWhenReported() {
    List<RequestRecord> records = TestRecords.cachedScenario();
    String html = new HtmlKeyFigures(new RunView(records, null)).render(summary(records));
    assertTrue(html.contains("<div class=\"llm-figure-value\">26.67<span class=\"llm-figure-unit\">%</span></div>"
        + "<div class=\"llm-figure-label\">Prefix cache hit rate, client side (8 cached tokens)</div>"), html);
    assertTrue(html.contains("100.00 / 300.00<span class=\"llm-figure-unit\">ms</span></div>"
        + "<div class=\"llm-figure-label\">Mean TTFT: cache hit / miss (1 / 1 requests)</div>"), html);
    assertTrue(html.contains("P99 TTFT: cache hit / miss"), html);
    String plain = new HtmlKeyFigures(new RunView(TestRecords.scenario(), null)).render(summary(TestRecords.scenario()));
    assertFalse(plain.contains("cache"), plain);
  }
}
