package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.mock.MockCapacity;
import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capacity search and the sweep as users run them (Gatling in its own JVM) against a mock engine of known
 * capacity over loopback: 8 batch slots and a queue, whose capacity under the SLOs below has a closed form
 * ({@link MockCapacity}). Checked through capacity.json, llm-summary.json, the console and index.html.
 */
class CapacitySearchIT {
  private static final String SIMULATION = "io.github.gatlingllm.simulations.CapacitySearch";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int OUTPUT_TOKENS = 20;
  private static final double STEP_SECONDS = 4;
  private static final double WARM_UP_SHARE = 0.2;
  private static final int MAX_STEPS = 12;

  @TempDir Path results;

  @BeforeAll
  static void warmUpTheMock() throws Exception {
    WarmMock.warmUpMockCode();
  }

  /** The engine: 8 slots, prefill 20 ms, ITL 5 ms + 0.5 ms per running stream (S(8) = 191 ms, 41.9 req/s at most). */
  private static MockConfig engine() {
    return MockConfig.builder().batchSlots(8).ttftMs(20).itlMs(5).itlPerActiveStreamMs(0.5).build();
  }

  private static Map<String, String> knobs(MockLlmServer server) {
    Map<String, String> knobs = new HashMap<>();
    knobs.put("llm.baseUrl", server.baseUrl());
    knobs.put("llm.model", "mock-llm");
    knobs.put("llm.numPrompts", "200");
    knobs.put("llm.randomInputLen", "16");
    knobs.put("llm.randomOutputLen", Integer.toString(OUTPUT_TOKENS));
    // Nearly regular arrivals: what the closed form assumes (Poisson arrivals queue a little below saturation too).
    knobs.put("llm.burstiness", "10000");
    knobs.put("llm.stepDuration", STEP_SECONDS + "s");
    knobs.put("llm.stepWarmUp", Double.toString(WARM_UP_SHARE));
    knobs.put("llm.searchMaxInFlight", "64");
    return knobs;
  }

  @Test
  void rateSearchFindsTheEnginesAnalyticalCapacityWithinTenPercentAndGatesOnIt() throws Exception {
    try (MockLlmServer server = MockLlmServer.start(engine())) {
      Map<String, String> knobs = knobs(server);
      knobs.put("llm.slo", "p99_ttft_ms<100;p99_tpot_ms<10;failed_ratio<0.01");
      knobs.put("llm.searchStart", "10");
      knobs.put("llm.searchMaxSteps", Integer.toString(MAX_STEPS));
      // A gate the found capacity cannot meet: the run must exit with 2, after writing everything.
      knobs.put("llm.assert", "capacity_rps>=1000");
      GatlingRun run = GatlingRun.run(SIMULATION, knobs, results, "1G", 900);

      double analytical =
          MockCapacity.of(engine(), 0, OUTPUT_TOKENS)
              .rateCapacity(
                  new MockCapacity.Slo(99, 100, 10),
                  new MockCapacity.Step(STEP_SECONDS, STEP_SECONDS * WARM_UP_SHARE));
      JsonNode capacity = JSON.readTree(run.runFolder().resolve("capacity.json").toFile());
      JsonNode found = capacity.get("capacity");
      double low = found.get("low").asDouble();
      double high = found.get("high").asDouble();
      String context = "analytical " + analytical + " req/s, found " + capacity.toPrettyString() + "\n" + run.output;
      assertEquals("search", capacity.get("mode").asText());
      assertTrue(found.get("bounded").asBoolean(), context);
      assertTrue(low <= analytical && analytical <= high, context);
      assertTrue((high - low) / low <= 0.10, context);
      JsonNode steps = capacity.get("steps");
      assertTrue(steps.size() <= MAX_STEPS, context);
      List<String> phases = new ArrayList<>();
      for (JsonNode step : steps) {
        phases.add(step.get("phase").asText());
        assertEquals("rate", step.get("load").get("kind").asText());
        assertEquals(3, step.get("checks").size(), step.toString());
        // Each step's own vLLM keys, on its measured requests only (the first 20 % warmed up).
        JsonNode summary = step.get("summary");
        assertEquals(step.get("sent_requests").asInt(), summary.get("completed").asInt() + summary.get("failed").asInt());
        assertTrue(summary.has("p99_ttft_ms") && summary.has("failed_ratio"), summary.toString());
      }
      assertEquals("bracket", phases.get(0));
      assertTrue(phases.contains("narrow") && phases.contains("repeat"), phases.toString());

      // The capacity is in llm-summary.json, which is what the gate reads; the gate failed, so the run exits with 2.
      JsonNode summary = JSON.readTree(run.runFolder().resolve("llm-summary.json").toFile());
      assertEquals(low, summary.get("capacity_rps").asDouble(), 1e-9);
      assertEquals(steps.size(), summary.get("capacity_steps").asInt());
      JsonNode check = summary.get("slo_checks").get(0);
      assertEquals("capacity_rps>=1000", check.get("check").asText());
      assertFalse(check.get("passed").asBoolean());
      assertEquals(2, run.exitCode, run.output);

      // The console table and the HTML block with the latency-against-throughput chart and its SLO lines.
      assertTrue(run.output.contains("============= Capacity Search Result ============="), run.output);
      assertTrue(run.output.contains("Capacity (req/s):"), run.output);
      String html = Files.readString(run.runFolder().resolve("index.html"), StandardCharsets.UTF_8);
      assertTrue(html.contains("id=\"llm-chart-capacity-latency\""), "latency chart");
      assertTrue(html.contains("id=\"llm-chart-capacity-pareto\""), "pareto chart");
      assertTrue(html.contains("SLO: p99_ttft_ms&lt;100, p99_tpot_ms&lt;10, failed_ratio&lt;0.01"), "the SLO above the table");
      assertTrue(html.contains("\"thresholds\":[100]") && html.contains("\"thresholds\":[10]"), "the SLO lines' data");
    }
  }

  @Test
  void autoSweepRunsSynchronousThroughputThenInterpolatedRatesOneRowEach() throws Exception {
    try (MockLlmServer server = MockLlmServer.start(engine())) {
      Map<String, String> knobs = knobs(server);
      knobs.put("llm.sweep", "auto");
      knobs.put("llm.sweepRates", "2");
      knobs.put("llm.stepDuration", "3s");
      knobs.put("llm.assert", "capacity_steps==4");
      GatlingRun run = GatlingRun.run(SIMULATION, knobs, results, "1G", 600);
      assertEquals(0, run.exitCode, run.output);

      JsonNode sweep = JSON.readTree(run.runFolder().resolve("capacity.json").toFile());
      assertEquals("sweep", sweep.get("mode").asText());
      assertTrue(sweep.get("capacity").isNull());
      JsonNode steps = sweep.get("steps");
      assertEquals(4, steps.size(), sweep.toPrettyString());
      assertEquals("synchronous", steps.get(0).get("phase").asText());
      assertEquals("concurrency", steps.get(0).get("load").get("kind").asText());
      assertEquals(1, steps.get(0).get("load").get("value").asInt());
      assertEquals("throughput", steps.get(1).get("phase").asText());
      assertEquals("all_at_once", steps.get(1).get("load").get("kind").asText());
      double synchronous = steps.get(0).get("achieved_request_rate").asDouble();
      double throughput = steps.get(1).get("achieved_request_rate").asDouble();
      // One user back to back is slower than 64 at once on 8 slots; the engine cannot exceed B / S(B) (the steady
      // window's slope is an estimate: 10 % of room).
      double saturation = MockCapacity.of(engine(), 0, OUTPUT_TOKENS).saturationRate();
      assertTrue(synchronous < throughput && throughput <= saturation * 1.10, sweep.toPrettyString());
      for (int i = 2; i < 4; i++) {
        JsonNode step = steps.get(i);
        assertEquals("sweep", step.get("phase").asText());
        assertEquals("rate", step.get("load").get("kind").asText());
        double expected = synchronous + (throughput - synchronous) * (i - 1) / 3.0;
        assertEquals(expected, step.get("load").get("value").asDouble(), 1e-6 * expected, step.toString());
      }
      // One console row per step.
      long rows =
          run.output.lines().filter(l -> l.matches("^[1-4]  (synchronous|throughput|sweep) .*")).count();
      assertEquals(4, rows, run.output);
    }
  }
}
