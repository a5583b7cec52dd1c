package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the summary says about the load comes from what was injected: a simulation written as the README's example
 * reports the rate it injected with no second call, and one injected with plain Gatling steps claims no rate.
 */
class LoadDescriptionIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path results;

  @Test
  void theReadmeExampleReportsTheLoadItInjected() throws Exception {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(5).itlMs(1).build())) {
      GatlingRun run =
          GatlingRun.run(
              "io.github.gatlingllm.it.fixtures.ReadmeLoad", Map.of("llm.baseUrl", server.baseUrl()), results);
      assertEquals(0, run.exitCode, run.output);
      JsonNode summary = JSON.readTree(run.runFolder().resolve("llm-summary.json").toFile());
      assertEquals(20, summary.get("num_prompts").asInt(), summary.toString());
      assertTrue(summary.get("request_rate").isNumber(), summary.toString());
      assertEquals(10.0, summary.get("request_rate").asDouble());
      assertEquals(1.0, summary.get("burstiness").asDouble());
      assertEquals(20, summary.get("completed").asInt());
      assertEquals(20, server.acceptedRequests());
      assertTrue(run.output.contains("Request rate configured (RPS):           10.00"), run.output);
      assertFalse(run.output.contains("Load: "), run.output);
    }
  }

  @Test
  void aPlainGatlingInjectionClaimsNoRate() throws Exception {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(5).itlMs(1).build())) {
      GatlingRun run =
          GatlingRun.run(
              "io.github.gatlingllm.it.fixtures.PlainInjection", Map.of("llm.baseUrl", server.baseUrl()), results);
      assertEquals(0, run.exitCode, run.output);
      JsonNode summary = JSON.readTree(run.runFolder().resolve("llm-summary.json").toFile());
      // the keys stay, with what is known: the requests recorded, and no made-up rate
      assertEquals(10, summary.get("num_prompts").asInt(), summary.toString());
      assertTrue(summary.has("request_rate") && summary.get("request_rate").isNull(), summary.toString());
      assertTrue(summary.has("burstiness") && summary.get("burstiness").isNull(), summary.toString());
      assertTrue(run.output.contains("Load: injected without an LlmLoad"), run.output);
      assertFalse(run.output.contains("Request rate configured"), run.output);
    }
  }
}
