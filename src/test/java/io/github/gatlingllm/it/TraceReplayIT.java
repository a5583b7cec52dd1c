package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.dataset.TraceEntry;
import io.github.gatlingllm.dataset.TraceFile;
import io.github.gatlingllm.dataset.TraceFormat;
import io.github.gatlingllm.dataset.TracePrompts;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import io.github.gatlingllm.report.RequestCsvReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production-shaped traffic against the mock's prefix cache, as users run it (Gatling in its own JVM, the serving
 * benchmark): the shipped mooncake sample replayed on its schedule, and the shared-prefix dataset. Checked through
 * llm-requests.csv and llm-summary.json against what the trace itself says.
 */
class TraceReplayIT {
  private static final String SIMULATION = "io.github.gatlingllm.simulations.ServingBenchmark";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path MOONCAKE_SAMPLE = Path.of("datasets/traces/mooncake-sample.jsonl");
  private static final long LATE_BOUND = 15_000_000L;

  @TempDir Path results;

  @BeforeAll
  static void warmUpTheMock() throws Exception {
    WarmMock.warmUpMockCode();
  }

  private static Map<String, String> knobs(MockLlmServer server) {
    Map<String, String> knobs = new HashMap<>();
    knobs.put("llm.baseUrl", server.baseUrl());
    knobs.put("llm.model", "mock-llm");
    return knobs;
  }

  /** A prefill that costs per uncached prompt token, and an unbounded cache (the trace's reuse is all there). */
  private static MockConfig cachingServer() {
    return MockConfig.builder().ttftMs(10).ttftPerPromptTokenMs(0.01).itlMs(2).prefixCacheBlocks(1_000_000).build();
  }

  @Test
  void theMooncakeSampleReplaysOnItsScheduleWithTheTracesLengthsAndPrefixReuse() throws Exception {
    List<TraceEntry> trace = TraceFile.read(MOONCAKE_SAMPLE, "mooncake-sample.jsonl", TraceFormat.MOONCAKE, 256).entries();
    TracePrompts.BlockReuse reuse = TracePrompts.expectedBlockReuse(trace, 512);
    try (MockLlmServer server = MockLlmServer.start(cachingServer())) {
      Map<String, String> knobs = knobs(server);
      knobs.put("llm.dataset", "trace");
      knobs.put("llm.traceFormat", "mooncake");
      knobs.put("llm.traceSpeedup", "10");
      GatlingRun run = GatlingRun.run(SIMULATION, knobs, results);
      assertEquals(0, run.exitCode, run.output);

      // Every request, none before its scheduled time nor far after it (a busy machine delays a send by a few ms, a
      // broken schedule by the trace's own gaps: 20-700 ms at 10x), with the trace's lengths.
      List<RequestRecord> sent = RequestCsvReader.read(run.runFolder().resolve("llm-requests.csv")).records();
      assertEquals(trace.size(), sent.size(), run.output);
      List<Integer> inputs = new ArrayList<>();
      List<Integer> outputs = new ArrayList<>();
      for (RequestRecord r : sent) {
        assertTrue(r.success(), r.errorDetail());
        long lag = r.sendNanos() - r.intendedNanos();
        assertTrue(lag >= 0 && lag <= LATE_BOUND, "request " + r.requestId() + " sent " + lag / 1e6 + " ms late");
        inputs.add(r.promptTokens());
        outputs.add(r.outputTokens());
      }
      List<Integer> traceInputs = new ArrayList<>();
      List<Integer> traceOutputs = new ArrayList<>();
      for (TraceEntry e : trace) {
        traceInputs.add(e.inputLength());
        traceOutputs.add(e.outputLength());
      }
      // The server's own prompt count (its usage) is the trace's input length, request by request.
      inputs.sort(null);
      traceInputs.sort(null);
      outputs.sort(null);
      traceOutputs.sort(null);
      assertEquals(traceInputs, inputs);
      assertEquals(traceOutputs, outputs);

      JsonNode summary = JSON.readTree(run.runFolder().resolve("llm-summary.json").toFile());
      assertEquals(trace.size(), summary.get("num_prompts").asInt());
      assertTrue(summary.get("request_rate").isNull(), "a trace has no single rate");
      assertEquals("mooncake-sample.jsonl", summary.get("trace").asText());
      assertEquals(10.0, summary.get("trace_speedup").asDouble());
      // The summary's schedule lag is the CSV's: its max is the largest lag seen above, its median a typical send.
      assertTrue(summary.get("schedule_lag_max_ms").asDouble() <= LATE_BOUND / 1e6, summary.toString());
      assertTrue(summary.get("schedule_lag_p50_ms").asDouble() <= 5, summary.toString());
      // The client-side hit rate is what the trace reused: the blocks whose hash id came earlier.
      double hitRate = summary.get("prefix_cache_hit_rate").asDouble();
      String context = "hit rate " + hitRate + ", trace " + reuse;
      assertEquals(reuse.blockShare(), hitRate, 0.02, context);
      // Token-weighted, the trace says a little more: a block first seen partial (a request's last block) is reused
      // whole later, but the server could only have cached the part it saw.
      assertTrue(hitRate <= reuse.tokenShare() && hitRate >= reuse.tokenShare() - 0.02, context);
      assertTrue(run.output.contains("Trace replay: mooncake-sample.jsonl at 10x, " + trace.size() + " requests"),
          run.output);
    }
  }

  @Test
  void sharedPrefixGroupsHitTheirPrefixAfterEachGroupsFirstRequest() throws Exception {
    int groups = 4;
    int perGroup = 6;
    int prefixLen = 256;
    int questionLen = 64;
    try (MockLlmServer server = MockLlmServer.start(cachingServer())) {
      Map<String, String> knobs = knobs(server);
      knobs.put("llm.dataset", "shared-prefix");
      knobs.put("llm.prefixGroups", Integer.toString(groups));
      knobs.put("llm.promptsPerGroup", Integer.toString(perGroup));
      knobs.put("llm.prefixLen", Integer.toString(prefixLen));
      knobs.put("llm.questionLen", Integer.toString(questionLen));
      knobs.put("llm.prefixOutputLen", "4");
      knobs.put("llm.prefixOrder", "grouped");
      knobs.put("llm.requestRate", "40"); // in order: each group's first request reaches the server first
      GatlingRun run = GatlingRun.run(SIMULATION, knobs, results);
      assertEquals(0, run.exitCode, run.output);

      List<RequestRecord> sent = RequestCsvReader.read(run.runFolder().resolve("llm-requests.csv")).records();
      assertEquals(groups * perGroup, sent.size());
      int misses = 0;
      for (RequestRecord r : sent) {
        assertEquals(prefixLen + questionLen, r.promptTokens());
        if (r.cachedTokens() == 0) {
          misses++;
        } else {
          // After its group's first request, a prompt hits exactly its shared prefix.
          assertEquals(prefixLen, r.cachedTokens(), "request " + r.requestId());
        }
      }
      assertEquals(groups, misses, "one miss per group: its first request");
      JsonNode summary = JSON.readTree(run.runFolder().resolve("llm-summary.json").toFile());
      assertEquals(groups * (perGroup - 1), summary.get("cache_hit_requests").asInt());
      double expected = (double) (groups * (perGroup - 1)) * prefixLen / (groups * perGroup * (prefixLen + questionLen));
      assertEquals(expected, summary.get("prefix_cache_hit_rate").asDouble(), 1e-9);
    }
  }
}
