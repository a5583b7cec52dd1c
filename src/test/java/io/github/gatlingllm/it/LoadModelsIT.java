package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.dataset.DatasetRequest;
import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.dataset.Tokenizers;
import io.github.gatlingllm.javaapi.LlmDatasets;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;
import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import io.github.gatlingllm.mock.PromptTokenCounter;
import io.github.gatlingllm.mock.MockRequests;
import io.github.gatlingllm.report.RequestCsvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load-model simulations run as users run them (Gatling in its own JVM) against the mock over loopback, checked
 * through the files they leave in the run folder.
 */
class LoadModelsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PACKAGE = "io.github.gatlingllm.simulations.";

  @TempDir Path results;

  @BeforeAll
  static void warmUpTheMock() throws Exception {
    WarmMock.warmUpMockCode();
  }

  private static Map<String, String> knobs(MockLlmServer server) {
    Map<String, String> knobs = new HashMap<>();
    knobs.put("llm.baseUrl", server.baseUrl());
    return knobs;
  }

  /** 20 LLM-on-Ray requests at 100/s, at most 8 new tokens each. */
  private static Map<String, String> llmOnRayKnobs(MockLlmServer server) {
    Map<String, String> knobs = knobs(server);
    knobs.put("llm.numPrompts", "20");
    knobs.put("llm.requestRate", "100");
    knobs.put("llm.maxNewTokens", "8");
    return knobs;
  }

  private static JsonNode read(Path file) throws Exception {
    assertTrue(file.toFile().isFile(), file + " exists");
    return JSON.readTree(file.toFile());
  }

  @Test
  void concurrencyProfilesWriteOneVllmFilePerLevel() throws Exception {
    MockConfig config = MockConfig.builder().ttftMs(10).itlMs(2).maxModelLen(4096).build();
    try (MockLlmServer server = MockLlmServer.start(config)) {
      Map<String, String> knobs = knobs(server);
      knobs.put("llm.profile", "custom");
      knobs.put("llm.concurrencyLevels", "1,4");
      knobs.put("llm.randomInputLen", "16");
      knobs.put("llm.randomOutputLen", "8");
      GatlingRun run = GatlingRun.run(PACKAGE + "ConcurrencyProfiles", knobs, results);
      assertEquals(0, run.exitCode, run.output);
      Path folder = run.runFolder();

      // default budget max(2 x level, 10): 10 requests at each level
      JsonNode one = read(folder.resolve("mock-llm_16-8_1.json"));
      assertEquals(10, one.get("completed").asInt());
      assertEquals(0, one.get("failed").asInt());
      assertEquals(10, one.get("num_prompts").asInt());
      assertEquals(1, one.get("max_concurrency").asInt());
      assertEquals(1, one.get("max_concurrent_requests").asInt(), "one request at a time at level 1");
      assertEquals(10 * 8, one.get("total_output_tokens").asInt());
      JsonNode four = read(folder.resolve("mock-llm_16-8_4.json"));
      assertEquals(10, four.get("completed").asInt());
      assertEquals(4, four.get("max_concurrency").asInt());
      assertEquals(4, four.get("max_concurrent_requests").asInt(), "four users keep four requests in flight");
      assertEquals("concurrency 4", four.get("scenario").asText());

      JsonNode summary = read(folder.resolve("llm-summary.json"));
      assertEquals(20, summary.get("completed").asInt());
      assertEquals(4, summary.get("max_concurrent_requests").asInt(), "levels never overlap");
      assertEquals(10, summary.get("scenarios").get("concurrency 1").get("completed").asInt());
      assertEquals(10, summary.get("scenarios").get("concurrency 4").get("completed").asInt());

      JsonNode info = read(folder.resolve("server-info.json"));
      assertEquals(4096, info.get("max_model_len").asInt());
      assertEquals("mock-llm", info.get("models_entry").get("id").asText());
      assertTrue(run.output.contains("Per step"), run.output);
    }
  }

  @Test
  void visionProfileSendsImagesInChatMessages() throws Exception {
    MockConfig config = MockConfig.builder().ttftMs(5).ttftPerImageMs(5).itlMs(1).build();
    try (MockLlmServer server = MockLlmServer.start(config)) {
      Map<String, String> knobs = knobs(server);
      knobs.put("llm.profile", "vision-2");
      knobs.put("llm.concurrencyLevels", "1,2");
      knobs.put("llm.randomOutputLen", "4");
      knobs.put("llm.numPromptsPerLevel", "4");
      knobs.put("llm.imageWidth", "64");
      knobs.put("llm.imageHeight", "64");
      knobs.put("llm.imagesPerRequest", "2");
      knobs.put("llm.logRequests", "true");
      GatlingRun run = GatlingRun.run(PACKAGE + "ConcurrencyProfiles", knobs, results);
      assertEquals(0, run.exitCode, run.output);
      Path folder = run.runFolder();
      for (int level : new int[] {1, 2}) {
        JsonNode file = read(folder.resolve("mock-llm_100-4_" + level + ".json"));
        assertEquals(4, file.get("completed").asInt(), file.toString());
        assertEquals(0, file.get("failed").asInt(), file.toString());
        assertEquals("vision-2", file.get("profile").asText());
        assertEquals(64, file.get("image_width").asInt());
        assertEquals(2, file.get("images_per_request").asInt());
      }
      List<String> lines = Files.readAllLines(folder.resolve("llm-requests.jsonl"));
      assertEquals(8, lines.size());
      JsonNode content = JSON.readTree(lines.get(0)).get("prompt").get(0).get("content");
      assertEquals("text", content.get(0).get("type").asText());
      assertEquals(3, content.size(), "the text, then two images");
      String image = content.get(1).at("/image_url/url").asText();
      assertTrue(image.matches("data:image/png;base64,<\\d+ bytes sha256:[0-9a-f]{16}>"), "a descriptor: " + image);
      assertTrue(run.output.contains("2 x 64x64 png noise images (6 prompt tokens each) per request"), run.output);
      // the mock reads each image's size from its PNG header and charges the same 6 tokens in its usage
      for (String line : lines) {
        JsonNode request = JSON.readTree(line);
        String text = request.get("prompt").get(0).get("content").get(0).get("text").asText();
        assertEquals(PromptTokenCounter.words(text) + 2 * 6, request.get("input_tokens").asInt(), line);
      }
    }
  }

  @Test
  void highProfileReadsTheContextLengthFromTheServer() throws Exception {
    MockConfig config = MockConfig.builder().ttftMs(5).itlMs(1).maxModelLen(2048 + 24).build();
    try (MockLlmServer server = MockLlmServer.start(config)) {
      Map<String, String> knobs = knobs(server);
      knobs.put("llm.profile", "high");
      knobs.put("llm.concurrencyLevels", "2");
      knobs.put("llm.randomOutputLen", "4"); // keeps the run short; the input still comes from max_model_len
      knobs.put("llm.numPromptsPerLevel", "3");
      knobs.put("llm.logRequests", "true");
      GatlingRun run = GatlingRun.run(PACKAGE + "ConcurrencyProfiles", knobs, results);
      assertEquals(0, run.exitCode, run.output);
      JsonNode level = read(run.runFolder().resolve("mock-llm_24-4_2.json"));
      assertEquals(3, level.get("completed").asInt());
      // the prompts sent are exactly 24 tokens by the shipped tokenizer (the mock's usage counts words instead)
      TextTokenizer qwen3 = Tokenizers.load("datasets/tokenizers/qwen3");
      List<String> lines = Files.readAllLines(run.runFolder().resolve("llm-requests.jsonl"));
      assertEquals(3, lines.size());
      for (String line : lines) {
        assertEquals(24, qwen3.count(new ObjectMapper().readTree(line).get("prompt").asText()), line);
      }
    }
  }

  /** The throughput benchmark against {@code server} with these knob name/value pairs; it must exit cleanly. */
  private GatlingRun throughputRun(MockLlmServer server, String... pairs) throws Exception {
    Map<String, String> knobs = knobs(server);
    for (int i = 0; i < pairs.length; i += 2) {
      knobs.put(pairs[i], pairs[i + 1]);
    }
    GatlingRun run = GatlingRun.run(PACKAGE + "ThroughputBenchmark", knobs, results);
    assertEquals(0, run.exitCode, run.output);
    return run;
  }

  @Test
  void throughputBenchmarkSavesVllmsThroughputKeys() throws Exception {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(20).itlMs(2).build())) {
      GatlingRun run =
          throughputRun(server, "llm.numPrompts", "50", "llm.randomInputLen", "16", "llm.randomOutputLen", "8");
      JsonNode json = read(run.runFolder().resolve("throughput.json"));
      assertEquals(50, json.get("num_requests").asInt());
      // prompt tokens are the server's usage (the mock counts words of the 16-token prompts)
      int promptTokens = json.get("total_prompt_tokens").asInt();
      assertTrue(promptTokens > 0, json.toString());
      assertEquals(promptTokens + 50 * 8, json.get("total_num_tokens").asInt());
      assertEquals(promptTokens / 50.0, json.get("avg_prompt_tokens").asDouble(), 1e-9);
      assertEquals(8.0, json.get("avg_output_tokens").asDouble());
      JsonNode summary = read(run.runFolder().resolve("llm-summary.json"));
      assertEquals(summary.get("duration").asDouble(), json.get("elapsed_time").asDouble(), 1e-9);
      // all at once with no cap: requests overlap (how many depends on how fast the connections open)
      assertTrue(summary.get("max_concurrent_requests").asInt() > 1, summary.toString());
      assertEquals("inf", summary.get("request_rate").asText());
      assertTrue(summary.get("max_concurrency").isNull(), "no cap");
      assertTrue(run.output.contains("Throughput: "), run.output);
    }
  }

  /**
   * The design's reference run in small: ShareGPT prompts (the shipped sample), each asking its conversation's recorded
   * answer length, as vLLM's throughput benchmark does. The figures must add up from the requests' own tokens, which
   * differ from prompt to prompt.
   */
  @Test
  void throughputBenchmarkSendsShareGptPromptsWithTheirRecordedLengths() throws Exception {
    List<DatasetRequest> expected =
        LlmDatasets.sharegpt(
            Path.of("datasets/sharegpt-sample.json"), Tokenizers.load("datasets/tokenizers/qwen3"), 8, 0,
            OptionalInt.empty());
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(5).itlMs(0).build())) {
      GatlingRun run =
          throughputRun(server, "llm.dataset", "sharegpt", "llm.numPrompts", "8", "llm.logRequests", "true");

      List<String> prompts = new ArrayList<>();
      long promptTokens = 0;
      long outputTokens = 0;
      for (String line : Files.readAllLines(run.runFolder().resolve("llm-requests.jsonl"))) {
        JsonNode request = JSON.readTree(line);
        prompts.add(request.get("prompt").asText());
        promptTokens += request.get("input_tokens").asLong();
        outputTokens += request.get("output_tokens").asLong();
      }
      assertEquals(sorted(expected.stream().map(DatasetRequest::prompt)), sorted(prompts.stream()));

      List<Integer> recordedLengths = expected.stream().map(DatasetRequest::expectedOutputTokens).toList();
      assertTrue(new HashSet<>(recordedLengths).size() > 1, "the sample's answers differ in length " + recordedLengths);
      List<Integer> maxTokens = new ArrayList<>();
      JSON.readTree(MockRequests.get(server)).get("requests").forEach(r -> maxTokens.add(r.get("max_tokens").asInt()));
      assertEquals(sorted(recordedLengths.stream()), sorted(maxTokens.stream()), "max_tokens per request");

      JsonNode json = read(run.runFolder().resolve("throughput.json"));
      assertEquals("sharegpt", json.get("dataset_name").asText());
      assertEquals(8, json.get("completed").asInt());
      assertEquals(recordedLengths.stream().mapToLong(Integer::longValue).sum(), outputTokens, "ignore_eos");
      assertEquals(promptTokens, json.get("total_prompt_tokens").asLong());
      assertEquals(outputTokens, json.get("total_output_tokens").asLong());
      assertEquals(promptTokens + outputTokens, json.get("total_num_tokens").asLong());
      double elapsed = json.get("elapsed_time").asDouble();
      assertEquals(8 / elapsed, json.get("requests_per_second").asDouble(), 1e-6);
      assertEquals((promptTokens + outputTokens) / elapsed, json.get("tokens_per_second").asDouble(), 1e-6);
      assertEquals(outputTokens / elapsed, json.get("output_tokens_per_second").asDouble(), 1e-6);
      assertEquals(promptTokens / 8.0, json.get("avg_prompt_tokens").asDouble(), 1e-9);
    }
  }

  private static <T extends Comparable<T>> List<T> sorted(Stream<T> values) {
    return values.sorted().toList();
  }

  @Test
  void llmOnRayBenchmarkSavesItsMetrics() throws Exception {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(20).itlMs(5).build())) {
      GatlingRun run = GatlingRun.run(PACKAGE + "LlmOnRayBenchmark", llmOnRayKnobs(server), results);
      assertEquals(0, run.exitCode, run.output);
      JsonNode json = read(run.runFolder().resolve("llm-on-ray.json"));
      assertEquals(20, json.get("num_prompts").asInt());
      // the IPEX "32" prompt (32 Qwen3 tokens) as the mock counts it: its whitespace-separated words
      String ipex32 = new ObjectMapper().readTree(Path.of("datasets/ipex-prompt.json").toFile()).get("llama").get("32")
          .asText();
      assertEquals(ipex32.trim().split("\\s+").length, json.get("med_prompt_len").asInt());
      double firstToken = json.get("avg_first_token_latency").asDouble();
      assertTrue(firstToken >= 0.020 && firstToken < 0.2, "first-token latency " + firstToken);
      double nextToken = json.get("avg_next_token_latency").asDouble();
      // chat: the role chunk and the finish chunk come without a token gap, so the mean chunk gap is below 5 ms
      assertTrue(nextToken > 0.002 && nextToken < 0.010, "next-token latency " + nextToken);
      assertTrue(run.output.contains("Average latency for First Tokens:"), run.output);
    }
  }

  @Test
  void llmOnRayBenchmarkInSimpleModeTimesEveryRawChunk() throws Exception {
    int ttftMs = 20;
    int itlMs = 5;
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(ttftMs).itlMs(itlMs).build())) {
      Map<String, String> knobs = llmOnRayKnobs(server);
      knobs.put("llm.backend", "llm-on-ray-simple");
      GatlingRun run = GatlingRun.run(PACKAGE + "LlmOnRayBenchmark", knobs, results);
      assertEquals(0, run.exitCode, run.output);

      JsonNode summary = read(run.runFolder().resolve("llm-summary.json"));
      assertEquals("llm-on-ray-simple", summary.get("backend").asText());
      assertEquals(20, summary.get("completed").asInt());
      assertEquals(0, summary.get("failed").asInt());
      // No counts in a raw body: the run's tokenizer counts the text off the event loops (the mock's words are one
      // Qwen3 token each, so it finds one token per chunk).
      assertEquals(20, summary.get("output_token_sources").get("tokenizer").asInt());
      // No ignore_eos by default: the mock draws each length in [1, 8], one raw chunk per token.
      List<RequestRecord> records = RequestCsvReader.read(run.runFolder().resolve("llm-requests.csv")).records();
      assertEquals(20, records.size());
      int outputTokens = 0;
      for (RequestRecord record : records) {
        int n = record.outputTokens();
        assertTrue(n >= 1 && n <= 8, "output " + n);
        assertEquals(n, record.chunkCount());
        assertEquals(TokenSource.TOKENIZER, record.outputTokenSource());
        outputTokens += n;
      }
      assertEquals(outputTokens, summary.get("total_output_tokens").asInt());

      JsonNode json = read(run.runFolder().resolve("llm-on-ray.json"));
      double firstToken = json.get("avg_first_token_latency").asDouble();
      double nextToken = json.get("avg_next_token_latency").asDouble();
      double medianItl = summary.get("median_itl_ms").asDouble();
      System.out.printf("LlmOnRayBenchmark simple mode vs mock: first token %.2f ms (configured %d), next token %.2f ms,"
          + " median ITL %.2f ms (configured %d)%n", firstToken * 1000, ttftMs, nextToken * 1000, medianItl, itlMs);
      assertTrue(firstToken >= ttftMs / 1000.0 && firstToken < 0.2, "first-token latency " + firstToken);
      // Unlike chat, no role or finish chunk without a token gap: every chunk gap is a token gap of the mock. The
      // median shrugs off the late reads of a loaded machine; the mean gets a looser bound.
      assertTrue(Math.abs(medianItl - itlMs) < 1.5, "median ITL " + medianItl);
      assertTrue(nextToken > 0.004 && nextToken < 0.05, "next-token latency " + nextToken);
    }
  }
}
