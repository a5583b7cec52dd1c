package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.GoodputSlo;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RampUp;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryCalculator;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.metrics.TestRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values come from the hand-made run of {@link TestRecords} (see its table and SummaryCalculatorTest). */
class SummaryJsonTest {
  private static final double EPS = 1e-9;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode write(Path dir, RunDescription run, SummaryOptions opts) throws Exception {
    List<RequestRecord> records = TestRecords.scenario();
    BenchmarkSummary s = SummaryCalculator.compute(records, run, opts);
    Path file = dir.resolve(SummaryJson.FILE_NAME);
    SummaryJson.write(s, records, file);
    String text = Files.readString(file);
    assertTrue(text.startsWith("{\n  \"date\" : "), "pretty-printed: " + text.substring(0, 30));
    return MAPPER.readTree(text);
  }

  @Test
  void keysInVllmsOrderThenOurs(@TempDir Path dir) throws Exception {
    JsonNode json = write(dir, TestRecords.run(4, Double.POSITIVE_INFINITY),
        new SummaryOptions(List.of(99.0, 99.9), GoodputSlo.parse("ttft:150,tpot:60"), true));
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    List<String> expected = new ArrayList<>(List.of("date", "endpoint_type", "backend", "label", "model_id",
        "tokenizer_id", "num_prompts", "request_rate", "burstiness", "max_concurrency", "duration", "completed",
        "failed", "total_input_tokens", "total_output_tokens", "request_throughput", "request_goodput",
        "output_throughput", "total_token_throughput", "input_lens", "output_lens", "ttfts", "itls", "latencies",
        "start_times", "queue_times", "generated_texts", "errors", "max_output_tokens_per_s",
        "max_concurrent_requests"));
    for (String m : List.of("ttft", "tpot", "itl", "e2el", "client_queue_time", "e2el_including_client_queue",
        "ttfo")) {
      expected.addAll(List.of("mean_" + m + "_ms", "median_" + m + "_ms", "std_" + m + "_ms", "p99_" + m + "_ms",
          "p99.9_" + m + "_ms"));
    }
    expected.addAll(List.of("cancelled", "failed_ratio", "exact_percentiles", "exact_peaks"));
    expected.addAll(List.of("goodput_completed", "goodput_slos", "output_token_sources", "total_reasoning_tokens",
        "total_answer_tokens", "reasoning_token_sources", "errors_by_category"));
    expected.addAll(List.of("total_cached_tokens", "prefix_cache_hit_rate", "cache_reported_requests",
        "cache_hit_requests", "cache_miss_requests"));
    for (String m : List.of("ttft_cache_hit", "ttft_cache_miss")) {
      expected.addAll(List.of("mean_" + m + "_ms", "median_" + m + "_ms", "p99_" + m + "_ms", "p99.9_" + m + "_ms"));
    }
    expected.add("gatling_llm_version");
    assertEquals(expected, keys);
  }

  @Test
  void runDescriptionAndResults(@TempDir Path dir) throws Exception {
    RunDescription run = TestRecords.run(4, Double.POSITIVE_INFINITY);
    JsonNode json = write(dir, run,
        new SummaryOptions(List.of(99.0, 99.9), GoodputSlo.parse("ttft:150,tpot:60"), false));
    assertEquals(run.date(), json.get("date").asText());
    assertEquals("openai-chat", json.get("endpoint_type").asText());
    assertEquals("openai-chat", json.get("backend").asText());
    assertEquals("test", json.get("label").asText());
    assertEquals("qwen3-0.6b", json.get("model_id").asText());
    assertEquals("Qwen/Qwen3-0.6B", json.get("tokenizer_id").asText());
    assertEquals(5, json.get("num_prompts").asInt());
    assertEquals("inf", json.get("request_rate").asText());
    assertTrue(json.get("request_rate").isTextual());
    assertEquals(1.0, json.get("burstiness").asDouble());
    assertEquals(4, json.get("max_concurrency").asInt());

    assertEquals(2.0, json.get("duration").asDouble(), EPS);
    assertEquals(3, json.get("completed").asInt());
    assertEquals(2, json.get("failed").asInt());
    assertEquals(30, json.get("total_input_tokens").asInt());
    assertEquals(8, json.get("total_output_tokens").asInt());
    assertEquals(1.5, json.get("request_throughput").asDouble(), EPS);
    assertEquals(0.5, json.get("request_goodput").asDouble(), EPS); // only A is good: 1 / 2 s
    assertEquals(4.0, json.get("output_throughput").asDouble(), EPS);
    assertEquals(19.0, json.get("total_token_throughput").asDouble(), EPS);
    assertEquals(8.0, json.get("max_output_tokens_per_s").asDouble(), EPS);
    assertTrue(json.get("max_concurrent_requests").isInt());
    assertEquals(2, json.get("max_concurrent_requests").asInt());

    assertEquals(500.0 / 3, json.get("mean_ttft_ms").asDouble(), EPS);
    assertEquals(100, json.get("median_ttft_ms").asDouble(), EPS);
    assertEquals(94.28090415820634, json.get("std_ttft_ms").asDouble(), EPS);
    assertEquals(296, json.get("p99_ttft_ms").asDouble(), EPS);
    assertEquals(299.6, json.get("p99.9_ttft_ms").asDouble(), 1e-9); // h = 1.998: 100 + 0.998 * 200
    assertEquals(100, json.get("std_tpot_ms").asDouble(), EPS);
    assertEquals(75, json.get("median_itl_ms").asDouble(), EPS);
    assertEquals(897.5, json.get("p99.9_itl_ms").asDouble(), 1e-9); // h = 4.995: 400 + 0.995 * 500
    assertEquals(1188, json.get("p99_e2el_ms").asDouble(), EPS);

    assertEquals(100.0 / 3, json.get("mean_client_queue_time_ms").asDouble(), EPS);
    assertEquals(1286, json.get("p99_e2el_including_client_queue_ms").asDouble(), EPS);
    assertEquals(675, json.get("mean_ttfo_ms").asDouble(), EPS);
    assertEquals(1, json.get("goodput_completed").asInt());
    assertEquals(MAPPER.readTree("{\"ttft\":150.0,\"tpot\":60.0}"), json.get("goodput_slos"));
    assertEquals(MAPPER.readTree("{\"usage\":2,\"tokenizer\":0,\"chunks\":1,\"none\":0}"),
        json.get("output_token_sources"));
    assertEquals(0, json.get("total_reasoning_tokens").asLong());
    assertEquals(8, json.get("total_answer_tokens").asLong());
    assertEquals(MAPPER.readTree("{\"usage\":0,\"tokenizer\":0,\"chunks\":0,\"none\":3}"),
        json.get("reasoning_token_sources"));
    assertEquals(MAPPER.readTree("{\"HTTP 503\":1,\"idle timeout\":1}"), json.get("errors_by_category"));
    assertFalse(json.get("gatling_llm_version").asText().isEmpty());
  }

  @Test
  void reasoningTotalsAndSources() throws Exception {
    List<RequestRecord> records = TestRecords.scenario();
    records.get(0).reasoningTokens(3, io.github.gatlingllm.metrics.TokenSource.USAGE);
    records.get(2).reasoningTokens(2, io.github.gatlingllm.metrics.TokenSource.CHUNKS);
    SummaryOptions opts = new SummaryOptions(List.of(99.0), null, false);
    BenchmarkSummary s = SummaryCalculator.compute(records, TestRecords.run(null, 10), opts);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    SummaryJson.write(s, records, out);
    JsonNode json = MAPPER.readTree(out.toByteArray());
    assertEquals(5, json.get("total_reasoning_tokens").asLong());
    assertEquals(3, json.get("total_answer_tokens").asLong()); // 8 output tokens - 5
    assertEquals(8, json.get("total_output_tokens").asLong());
    assertEquals(MAPPER.readTree("{\"usage\":1,\"tokenizer\":0,\"chunks\":1,\"none\":1}"),
        json.get("reasoning_token_sources"));
  }

  @Test
  void perRequestArraysInSecondsAndRecordOrder(@TempDir Path dir) throws Exception {
    JsonNode json = write(dir, TestRecords.run(null, 10), new SummaryOptions(List.of(99.0), null, true));
    assertEquals("[10,20,0,30,5]", json.get("input_lens").toString());
    assertEquals("[4,1,3,0,0]", json.get("output_lens").toString()); // 0 for failed, as vLLM
    // E failed after its first chunk: its TTFT is kept (vLLM keeps what it measured before the error)
    assertSeconds(json.get("ttfts"), 0.1, 0.3, 0.1, 0.0, 0.1);
    JsonNode itls = json.get("itls");
    assertEquals(5, itls.size());
    assertSeconds(itls.get(0), 0.05, 0.05, 0.05);
    assertSeconds(itls.get(1), 0.9);
    assertSeconds(itls.get(2), 0.1, 0.4);
    assertSeconds(itls.get(3));
    assertSeconds(itls.get(4), 0.1);
    assertSeconds(json.get("latencies"), 0.25, 1.2, 0.6, 0.0, 0.0); // 0 for failed, as vLLM
    // send time since the first dispatch (A's intended time)
    assertSeconds(json.get("start_times"), 0.0, 0.1, 0.25, 0.2, 1.0);
    assertSeconds(json.get("queue_times"), 0.0, 0.1, 0.0, 0.0, 0.0);
    assertEquals("[\"Hello <world>\",\"ok\",\"\",\"\",\"\"]", json.get("generated_texts").toString());
    assertEquals("[\"\",\"\",\"\",\"HTTP 503\",\"idle timeout\"]", json.get("errors").toString());
  }

  @Test
  void finiteRateNoCapNoGoodputNoTexts(@TempDir Path dir) throws Exception {
    JsonNode json = write(dir, TestRecords.run(null, 2.5), SummaryOptions.defaults());
    assertTrue(json.get("request_rate").isNumber());
    assertEquals(2.5, json.get("request_rate").asDouble());
    assertTrue(json.get("max_concurrency").isNull());
    assertTrue(json.get("request_goodput").isNull());
    assertTrue(json.get("goodput_slos").isNull());
    assertFalse(json.has("generated_texts"));
    assertFalse(json.has("p99.9_ttft_ms"));
    assertTrue(json.has("p99_ttft_ms"));
  }

  @Test
  void aRampedRateIsDescribedWithVllmsKeysAfterTheTrafficOnes(@TempDir Path dir) throws Exception {
    RunDescription fixed = TestRecords.run(null, Double.POSITIVE_INFINITY);
    RunDescription ramped = TestRecords.ramped(RampUp.exponential(0.5, 8));
    JsonNode json = write(dir, ramped, SummaryOptions.defaults());
    List<String> keys = fieldNames(json);
    int cap = keys.indexOf("max_concurrency");
    assertEquals(List.of("ramp_up_strategy", "ramp_up_start_rps", "ramp_up_end_rps", "duration"),
        keys.subList(cap + 1, cap + 5));
    assertEquals("inf", json.get("request_rate").asText());
    assertEquals("exponential", json.get("ramp_up_strategy").asText());
    assertEquals(0.5, json.get("ramp_up_start_rps").asDouble());
    assertEquals(8.0, json.get("ramp_up_end_rps").asDouble());
    assertFalse(write(dir, fixed, SummaryOptions.defaults()).has("ramp_up_strategy"), "only when the rate ramped");
  }

  @Test
  void runFactsKeepWholeNumbersExact(@TempDir Path dir) throws Exception {
    List<RequestRecord> records = TestRecords.scenario();
    BenchmarkSummary s =
        SummaryCalculator.compute(records, TestRecords.run(4, Double.POSITIVE_INFINITY), new SummaryOptions(List.of(99.0), null, false));
    Path file = dir.resolve(SummaryJson.FILE_NAME);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("start_nanotime", 9_123_456_789_012_345_678L); // beyond a double's 53 bits
    facts.put("client_cores_used", 0.5);
    SummaryJson.write(s, records, facts, file);
    JsonNode json = MAPPER.readTree(Files.readString(file));
    assertEquals(9_123_456_789_012_345_678L, json.get("start_nanotime").longValue());
    assertEquals(0.5, json.get("client_cores_used").doubleValue(), EPS);
  }

  @Test
  void withoutSaveDetailedThePerRequestArraysAreLeftOutAsInVllm(@TempDir Path dir) throws Exception {
    JsonNode json = write(dir, TestRecords.run(null, 2.5), new SummaryOptions(List.of(99.0), null, true, false));
    for (String key : List.of("input_lens", "output_lens", "ttfts", "itls", "latencies", "start_times",
        "queue_times", "generated_texts", "errors")) {
      assertFalse(json.has(key), key);
    }
    assertEquals(3, json.get("completed").asInt());
    assertEquals(1, json.get("errors_by_category").get("HTTP 503").asInt(), "the counts stay");
    assertFalse(json.has("scenarios"), "one scenario: no per-scenario section");
  }

  @Test
  void severalScenariosGetTheirOwnResultKeys(@TempDir Path dir) throws Exception {
    List<RequestRecord> records = TestRecords.scenario();
    for (int i = 0; i < records.size(); i++) {
      records.get(i).origin(i < 2 ? "chat users" : "batch", i, i + 1); // A, B | C, D, E
    }
    SummaryOptions opts = new SummaryOptions(List.of(50.0, 99.0), GoodputSlo.parse("ttft:150"), false, false);
    BenchmarkSummary s = SummaryCalculator.compute(records, TestRecords.run(null, 2.5), opts);
    Path file = dir.resolve(SummaryJson.FILE_NAME);
    SummaryJson.write(s, records, file);
    JsonNode json = MAPPER.readTree(file.toFile());
    JsonNode scenarios = json.get("scenarios");
    assertEquals(List.of("batch", "chat users"), fieldNames(scenarios), "sorted by name");
    JsonNode chat = scenarios.get("chat users");
    assertEquals(2, chat.get("completed").asInt());
    assertEquals(0, chat.get("failed").asInt());
    assertEquals(1.31, chat.get("duration").asDouble(), EPS, "A's intended start (0) to B's end (1310 ms)");
    assertEquals(200.0, chat.get("mean_ttft_ms").asDouble(), EPS, "A 100 ms, B 300 ms");
    assertEquals(1, chat.get("goodput_completed").asInt());
    JsonNode batch = scenarios.get("batch");
    assertEquals(1, batch.get("completed").asInt());
    assertEquals(2, batch.get("failed").asInt());
    assertEquals(100.0, batch.get("mean_ttft_ms").asDouble(), EPS, "C only");
    assertEquals(1, batch.get("errors_by_category").get("idle timeout").asInt());
    assertEquals(
        SummaryCalculator.compute(records.subList(2, 5), s.run(), opts).itl().meanMs(),
        batch.get("mean_itl_ms").asDouble(), EPS);
    List<String> keys = fieldNames(chat);
    assertEquals("duration", keys.get(0));
    assertTrue(keys.contains("p50_e2el_ms") && keys.contains("max_concurrent_requests"), keys.toString());
    assertFalse(keys.contains("model_id") || keys.contains("ttfts"), keys.toString());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void assertSeconds(JsonNode array, double... expected) {
    assertEquals(expected.length, array.size(), array.toString());
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], array.get(i).asDouble(), 1e-12, array.toString());
    }
  }
}
