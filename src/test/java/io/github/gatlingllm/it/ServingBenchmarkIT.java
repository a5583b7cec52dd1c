package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.dataset.Tokenizers;
import io.github.gatlingllm.mock.FaultMode;
import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped serving benchmark, run as users run it (Gatling in its own JVM), against the mock server over real
 * loopback sockets, checked through the files it leaves: llm-summary.json, llm-summary.txt and index.html.
 */
class ServingBenchmarkIT {
  private static final String SIMULATION = "io.github.gatlingllm.simulations.ServingBenchmark";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path results;

  @BeforeAll
  static void warmUpTheMock() throws Exception {
    WarmMock.warmUpMockCode();
  }

  private static Map<String, String> knobs(MockLlmServer server, int prompts, int words, int outputTokens) {
    Map<String, String> knobs = new HashMap<>();
    knobs.put("llm.baseUrl", server.baseUrl());
    knobs.put("llm.model", "mock-llm");
    knobs.put("llm.numPrompts", Integer.toString(prompts));
    knobs.put("llm.randomInputLen", Integer.toString(words));
    knobs.put("llm.randomOutputLen", Integer.toString(outputTokens));
    knobs.put("llm.saveDetailed", "true"); // the per-request arrays are checked below
    return knobs;
  }

  @Test
  void tgiBackendIsTimedPerTokenEventAndCountedFromTheDetails() throws Exception {
    int ttftMs = 50;
    int itlMs = 10;
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(ttftMs).itlMs(itlMs).build())) {
      Map<String, String> knobs = knobs(server, 12, 16, 16);
      knobs.put("llm.backend", "tgi");
      // this run also carries the ramped rate through to vLLM's ramp_up_* keys
      knobs.put("llm.rampUpStrategy", "linear");
      knobs.put("llm.rampUpStartRps", "20");
      knobs.put("llm.rampUpEndRps", "80");
      GatlingRun run = GatlingRun.run(SIMULATION, knobs, results);
      assertEquals(0, run.exitCode, run.output);

      JsonNode summary = JSON.readTree(run.runFolder().resolve("llm-summary.json").toFile());
      assertEquals("tgi", summary.get("backend").asText());
      assertEquals("inf", summary.get("request_rate").asText());
      assertEquals("linear", summary.get("ramp_up_strategy").asText());
      assertEquals(20.0, summary.get("ramp_up_start_rps").asDouble());
      assertEquals(80.0, summary.get("ramp_up_end_rps").asDouble());
      assertEquals(12, summary.get("completed").asInt());
      assertEquals(0, summary.get("failed").asInt());
      assertEquals(12, summary.get("output_token_sources").get("usage").asInt(), "details.generated_tokens");
      // TGI has no ignore_eos: the mock draws each length in [1, 16]. One event per token, so a request with n
      // generated tokens has n - 1 gaps, and its prompt count is the mock's input_length (its words).
      int outputTokens = 0;
      for (int i = 0; i < 12; i++) {
        int n = summary.get("output_lens").get(i).asInt();
        assertTrue(n >= 1 && n <= 16, "output " + n);
        assertEquals(n - 1, summary.get("itls").get(i).size(), "gaps of request " + i);
        assertTrue(summary.get("input_lens").get(i).asInt() > 0);
        outputTokens += n;
      }
      assertEquals(outputTokens, summary.get("total_output_tokens").asInt());
      double meanTtft = summary.get("mean_ttft_ms").asDouble();
      assertTrue(meanTtft >= ttftMs && meanTtft < ttftMs + 60, "mean TTFT " + meanTtft);
      double medianItl = summary.get("median_itl_ms").asDouble();
      assertTrue(Math.abs(medianItl - itlMs) < 1.5, "median ITL " + medianItl);
    }
  }

  /** A server that ignores include_usage: output tokens are the tokenizer's count of each generated text. */
  @Test
  void withoutUsageOutputTokensAreCountedByTheTokenizer() throws Exception {
    MockConfig config = MockConfig.builder().ttftMs(5).itlMs(2).streamUsage(false).build();
    try (MockLlmServer server = MockLlmServer.start(config)) {
      Map<String, String> knobs = knobs(server, 10, 16, 12);
      knobs.put("llm.endpoint", "/v1/chat/completions");
      knobs.put("llm.logRequests", "true");
      GatlingRun run = GatlingRun.run(SIMULATION, knobs, results);
      assertEquals(0, run.exitCode, run.output);

      JsonNode summary = JSON.readTree(run.runFolder().resolve("llm-summary.json").toFile());
      assertEquals(10, summary.get("completed").asInt());
      assertEquals(10, summary.get("output_token_sources").get("tokenizer").asInt(), summary.toString());
      TextTokenizer qwen3 = Tokenizers.load("datasets/tokenizers/qwen3");
      int total = 0;
      for (String line : Files.readAllLines(run.runFolder().resolve("llm-requests.jsonl"))) {
        JsonNode request = JSON.readTree(line);
        int counted = qwen3.encodeBody(request.get("generated_text").asText()).length;
        assertEquals(counted, request.get("output_tokens").asInt(), line);
        assertEquals("tokenizer", request.get("output_token_source").asText(), line);
        total += counted;
      }
      assertEquals(total, summary.get("total_output_tokens").asInt());
    }
  }

  @Test
  void cleanRunReportsWhatTheServerDid() throws Exception {
    int ttftMs = 60;
    int itlMs = 10;
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(ttftMs).itlMs(itlMs).build())) {
      Map<String, String> knobs = knobs(server, 30, 16, 16);
      knobs.put("llm.endpoint", "/v1/chat/completions");
      knobs.put("llm.requestRate", "40");
      knobs.put("llm.metricPercentiles", "50,99");
      knobs.put("llm.goodput", "ttft:10000");
      knobs.put("llm.assert", "failed==0;p99_ttft_ms<10000;request_goodput>0");
      knobs.put("llm.logRequests", "true");
      GatlingRun run = GatlingRun.run(SIMULATION, knobs, results);
      assertEquals(0, run.exitCode, "clauses that hold leave the exit code alone\n" + run.output);
      assertTrue(run.output.contains("All 3 SLO checks passed"), run.output);

      Path folder = run.runFolder();
      JsonNode summary = JSON.readTree(folder.resolve("llm-summary.json").toFile());
      assertEquals(30, summary.get("completed").asInt());
      assertEquals(0, summary.get("failed").asInt());
      // the random dataset sent prompts of exactly 16 tokens by the shipped tokenizer (llm-requests.jsonl has them)
      TextTokenizer qwen3 = Tokenizers.load("datasets/tokenizers/qwen3");
      List<String> logged = Files.readAllLines(folder.resolve("llm-requests.jsonl"));
      assertEquals(30, logged.size());
      for (String line : logged) {
        JsonNode request = JSON.readTree(line);
        assertEquals(16, qwen3.count(request.get("prompt").get(0).get("content").asText()), line);
      }
      // token totals are the server's usage: 16 generated tokens each; prompt tokens as the mock counts them (words)
      assertEquals(30 * 16, summary.get("total_output_tokens").asInt());
      int inputTokens = 0;
      for (JsonNode n : summary.get("input_lens")) {
        inputTokens += n.asInt();
      }
      assertEquals(inputTokens, summary.get("total_input_tokens").asInt());
      assertEquals(30, summary.get("output_token_sources").get("usage").asInt());
      assertEquals("openai-chat", summary.get("backend").asText());
      assertEquals(40.0, summary.get("request_rate").asDouble());
      assertEquals(30.0 / summary.get("duration").asDouble(), summary.get("request_throughput").asDouble(), 1e-9);
      assertEquals(30.0 / summary.get("duration").asDouble(), summary.get("request_goodput").asDouble(), 1e-9);

      // Latency within a stated tolerance of what the mock did. The mock keeps an absolute schedule, so a client
      // cannot see less than the truth; the upper margin allows for a cold JVM on a small CI machine (the
      // sub-millisecond accuracy under load is measured in BENCHMARKS.md, not asserted here).
      double meanTtft = summary.get("mean_ttft_ms").asDouble();
      assertTrue(meanTtft >= ttftMs && meanTtft < ttftMs + 60, "mean TTFT " + meanTtft);
      double medianItl = summary.get("median_itl_ms").asDouble();
      assertTrue(Math.abs(medianItl - itlMs) < 1.5, "median ITL " + medianItl);
      // chat: a role chunk and 16 token chunks -> 16 gaps per request; TPOT spans 15 gaps of ~10 ms
      assertEquals(30, summary.get("itls").size());
      summary.get("itls").forEach(itls -> assertEquals(16, itls.size()));
      double meanTpot = summary.get("mean_tpot_ms").asDouble();
      assertTrue(meanTpot >= itlMs - 0.5 && meanTpot < itlMs + 3, "mean TPOT " + meanTpot);
      assertTrue(summary.has("p50_ttft_ms") && summary.has("p99_itl_ms"));

      // the text file is the block printed on the console; index.html carries it as a table
      String text = Files.readString(folder.resolve("llm-summary.txt"));
      assertTrue(text.startsWith("============ Serving Benchmark Result ============"), text);
      assertTrue(run.output.contains(text.strip()), "the console shows the same block");
      assertTrue(text.contains("Request rate configured (RPS):           40.00"), text);
      String html = Files.readString(folder.resolve("index.html"));
      assertEquals(1, html.split("id=\"llm-summary\"", -1).length - 1, "one LLM block in index.html");
      // the LLM block's charts are in the page with their data
      for (String chart : new String[] {"llm-chart-ttft", "llm-chart-tpot", "llm-chart-itl", "llm-chart-e2el",
          "llm-chart-throughput", "llm-report-data"}) {
        assertTrue(html.contains("id=\"" + chart + "\""), chart + " in index.html");
      }
      String data = html.substring(html.indexOf("id=\"llm-report-data\">") + "id=\"llm-report-data\">".length());
      JsonNode charts = JSON.readTree(data.substring(0, data.indexOf("</script>")));
      assertTrue(charts.size() > 0, "chart data: " + charts);
      // one row per request in llm-requests.csv
      List<String> rows = Files.readAllLines(folder.resolve("llm-requests.csv"));
      assertEquals(1 + 30, rows.size(), "header + one row per request");
      assertTrue(rows.get(0).startsWith("scenario,user_id,request_id,"), rows.get(0));
      // the documented recompute command on that CSV gives the live run's figures
      Path recomputed = results.resolve("recomputed");
      io.github.gatlingllm.report.Recompute.main(
          new String[] {
            "--percentiles=50,99", "--goodput=ttft:10000", "--save-detailed", "--out=" + recomputed,
            folder.resolve("llm-requests.csv").toString()
          });
      JsonNode again = JSON.readTree(recomputed.resolve("llm-summary.json").toFile());
      for (String key : new String[] {"completed", "failed", "duration", "total_input_tokens", "total_output_tokens",
          "request_throughput", "request_goodput", "output_throughput", "max_output_tokens_per_s",
          "max_concurrent_requests", "mean_ttft_ms", "median_ttft_ms", "p99_ttft_ms", "std_ttft_ms", "mean_tpot_ms",
          "p99_tpot_ms", "mean_itl_ms", "median_itl_ms", "p99_itl_ms", "mean_e2el_ms", "p99_e2el_ms"}) {
        assertEquals(summary.get(key), again.get(key), key + " recomputed from llm-requests.csv");
      }
      // Gatling's own stats count the 30 requests, each with its page; their TTFT, TPOT and ITL are group records
      // beside them (one each: the default ITL mode logs one mean gap per request), for assertions, not requests
      // (Gatling's console table: total, OK, KO, with "-" for no KO)
      assertTrue(
          Pattern.compile("(?m)^> request count\\s*\\|\\s*30 \\|\\s*30 \\|\\s*-\\s*$").matcher(run.output).find(),
          run.output);
      try (var files = Files.list(folder)) {
        List<String> pages = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("req_")).toList();
        assertEquals(1, pages.size(), pages.toString());
        assertTrue(pages.get(0).startsWith("req_chat-"), pages.toString());
      }
      SimulationLogRecords log = SimulationLogRecords.read(folder.resolve("simulation.log"));
      assertEquals(30, log.count("request chat"), log.counts.toString());
      for (String timing : new String[] {"TTFT", "TPOT", "ITL"}) {
        assertEquals(30, log.count("group chat " + timing), log.counts.toString());
      }
    }
  }

  /**
   * A server that fails every third request: exactly those are failed, each with its category, the run finishes, and
   * the successful requests are measured as usual.
   */
  @ParameterizedTest
  @CsvSource({
    "HTTP_ERROR, HTTP 503",
    "CUT, connection closed mid-stream",
    "MALFORMED, malformed event",
    "ERROR_EVENT, error event in stream",
    "STALL, idle timeout",
  })
  void failingServerGetsExactlyItsFailuresCounted(FaultMode mode, String category) throws Exception {
    MockConfig config =
        MockConfig.builder().ttftMs(20).itlMs(5).fault(mode, 3).faultStatus(503).faultStallMs(10_000).build();
    try (MockLlmServer server = MockLlmServer.start(config)) {
      Map<String, String> knobs = knobs(server, 12, 8, 8);
      knobs.put("llm.idleTimeout", "500ms");
      GatlingRun run = GatlingRun.run(SIMULATION, knobs, results);
      assertEquals(0, run.exitCode, run.output);

      JsonNode summary = JSON.readTree(run.runFolder().resolve("llm-summary.json").toFile());
      assertEquals(4, summary.get("failed").asInt(), "requests 3, 6, 9, 12 of the mock fail");
      assertEquals(8, summary.get("completed").asInt());
      assertEquals(Map.of(category, 4), toMap(summary.get("errors_by_category")));
      assertEquals(8 * 8, summary.get("total_output_tokens").asInt(), "successes are unaffected");
      int failedInErrors = 0;
      for (JsonNode error : summary.get("errors")) {
        if (!error.asText().isEmpty()) {
          assertEquals(category, error.asText());
          failedInErrors++;
        }
      }
      assertEquals(4, failedInErrors);
      assertTrue(run.output.contains(category), "Gatling's console lists the KO category");
    }
  }

  @Test
  void aFailingSloCheckFailsTheRunAfterWritingEverything() throws Exception {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(20).itlMs(5).build())) {
      Map<String, String> knobs = knobs(server, 5, 8, 4);
      knobs.put("llm.assert", "p99_ttft_ms<0.001;failed==0");
      GatlingRun run = GatlingRun.run(SIMULATION, knobs, results);
      assertEquals(2, run.exitCode, run.output);
      assertTrue(run.output.matches("(?s).*p99_ttft_ms<0\\.001: [0-9.]+ FAILED.*"), run.output);
      assertTrue(run.output.contains("failed==0: 0 passed"), run.output);
      Path folder = run.runFolder();
      JsonNode summary = JSON.readTree(folder.resolve("llm-summary.json").toFile());
      assertEquals(false, summary.get("slo_checks").get(0).get("passed").asBoolean());
      assertTrue(Files.readString(folder.resolve("index.html")).contains("id=\"llm-summary\""), "report complete");
    }
  }

  @Test
  void malformedPropertyStopsTheRunAtStartNamingIt() throws Exception {
    GatlingRun run = GatlingRun.run(SIMULATION, Map.of("llm.numPrompts", "lots"), results);
    assertNotEquals(0, run.exitCode);
    assertTrue(
        run.output.contains("Invalid value 'lots' for llm.numPrompts: expected an integer >= 1"), run.output);
  }

  private static Map<String, Integer> toMap(JsonNode object) {
    Map<String, Integer> map = new HashMap<>();
    object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asInt()));
    return map;
  }
}
