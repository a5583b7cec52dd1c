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

  /** A finished run of the fixture against a fast mock, and its llm-summary.json. */
  private record Run(GatlingRun gatling, JsonNode summary, long requestsServed) {}

  private Run run(String fixture) throws Exception {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(5).itlMs(1).build())) {
      GatlingRun run =
          GatlingRun.run(
              fixture.contains(".") || fixture.equals("MyLlmTest") ? fixture : "io.github.gatlingllm.it.fixtures." + fixture, Map.of("llm.baseUrl", server.baseUrl()), results);
      assertEquals(0, run.exitCode, run.output);
      JsonNode summary = JSON.readTree(run.runFolder().resolve("llm-summary.json").toFile());
      return new Run(run, summary, server.acceptedRequests());
    }
  }

  @Test
  void theReadmeExampleReportsTheLoadItInjected() throws Exception {
    // src/test/java/MyLlmTest.java is the README's example, character for character (ReadmeExampleTest)
    Run run = run("MyLlmTest");
    JsonNode summary = run.summary();
    assertEquals(50, summary.get("num_prompts").asInt(), summary.toString());
    assertTrue(summary.get("request_rate").isNumber(), summary.toString());
    assertEquals(10.0, summary.get("request_rate").asDouble());
    assertEquals(1.0, summary.get("burstiness").asDouble());
    assertEquals(50, summary.get("completed").asInt());
    assertEquals(0, summary.get("failed").asInt(), "the example's answer checks pass against the mock");
    assertEquals(50, run.requestsServed());
    String output = run.gatling().output;
    assertTrue(output.contains("Request rate configured (RPS):           10.00"), output);
    assertFalse(output.contains("Load: "), output);
  }

  @Test
  void aPlainGatlingInjectionClaimsNoRate() throws Exception {
    Run run = run("PlainInjection");
    JsonNode summary = run.summary();
    // the keys stay, with what is known: the requests recorded, and no made-up rate
    assertEquals(10, summary.get("num_prompts").asInt(), summary.toString());
    assertTrue(summary.has("request_rate") && summary.get("request_rate").isNull(), summary.toString());
    assertTrue(summary.has("burstiness") && summary.get("burstiness").isNull(), summary.toString());
    String output = run.gatling().output;
    assertTrue(output.contains("Load: injected without an LlmLoad"), output);
    assertFalse(output.contains("Request rate configured"), output);
  }
}
