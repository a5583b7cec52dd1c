package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.it.fixtures.CheckedChat;
import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gatling checks on LLM requests in a real run against the mock: what {@code answer().saveAs} and
 * {@code outputTokens().saveAs} save feeds the next request (its prompt and its EL name), and a failing
 * {@code answer().is("x")} is a KO with Gatling's check message in Gatling's stats and simulation.log, and a failed
 * request of category {@code check failed} in the LLM summary and {@code check} in llm-requests.csv.
 */
class CheckIT {
  private static final String SIMULATION = "io.github.gatlingllm.it.fixtures.CheckedChat";

  @TempDir Path results;

  @Test
  void savedAnswerFeedsTheNextRequestAndAFailingCheckIsAKoInGatlingAndTheSummary() throws Exception {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(5).itlMs(1).build())) {
      GatlingRun run = GatlingRun.run(SIMULATION, Map.of("llm.baseUrl", server.baseUrl()), results);
      assertEquals(0, run.exitCode, "no assertion: KOs alone do not fail the run\n" + run.output);
      Path folder = run.runFolder();

      // Gatling: 6 requests, the 3 replies KO
      Matcher count =
          Pattern.compile("> request count\\s*\\|\\s*(\\d+) \\|\\s*(\\d+) \\|\\s*(\\d+)").matcher(run.output);
      assertTrue(count.find(), run.output);
      assertEquals("6 3 3", count.group(1) + " " + count.group(2) + " " + count.group(3), count.group());
      assertTrue(run.output.contains("> answer.find.is(x), found "), "Gatling's errors section\n" + run.output);

      // simulation.log: the reply is named after the saved token count, and each KO carries the check's message
      SimulationLogRecords log = SimulationLogRecords.read(folder.resolve("simulation.log"));
      String reply = "reply after " + CheckedChat.TOKENS + " tokens";
      assertEquals(3, log.count("request ask"), log.counts.toString());
      assertEquals(3, log.count("request " + reply), "the saved count resolved the EL name: " + log.counts);
      assertEquals(1, log.messages.size(), log.messages.toString());
      String message = log.messages.keySet().iterator().next();
      assertTrue(message.startsWith(reply + ": answer.find.is(x), found "), message);
      assertEquals(3, log.messages.get(message));
      assertEquals(0, log.count("group " + reply + " TTFT"), "a failed request reports no timings");

      // the LLM summary agrees with Gatling: 3 completed, 3 failed by a check
      JsonNode summary = new ObjectMapper().readTree(folder.resolve("llm-summary.json").toFile());
      assertEquals(3, summary.get("completed").asInt(), summary.toString());
      assertEquals(3, summary.get("failed").asInt(), summary.toString());
      assertEquals(3, summary.get("errors_by_category").get("check failed").asInt(), summary.toString());

      // every run reports its measurement health, a short one too, with sane figures
      JsonNode health = summary.get("measurement_health");
      assertTrue(health != null && health.isObject(), summary.toString());
      assertEquals(6, health.get("flagged_requests").get("judged").asInt(), health.toString());
      long flagged = health.get("flagged_requests").get("total").asLong();
      assertTrue(flagged >= 0 && flagged <= 6, health.toString());
      assertEquals(flagged, summary.get("health_flagged_requests").asLong());
      assertTrue(health.get("event_loop_lag").get("loops").asInt() >= 1, health.toString());
      assertTrue(health.get("event_loop_lag").get("samples").asLong() >= 1, health.toString());
      assertTrue(health.get("gc").get("pauses").asLong() >= 0, health.toString());
      assertTrue(health.get("cpu").get("cores_available").asInt() >= 1, health.toString());
      assertTrue(health.get("timeline").get("buckets").size() >= 1, health.toString());
      assertTrue(health.get("client_bottleneck").isBoolean(), health.toString());
      assertTrue(run.output.contains("Measurement health: "), run.output);

      // llm-requests.csv: the category column says check, the detail column holds Gatling's message
      List<String> rows = Files.readAllLines(folder.resolve("llm-requests.csv"));
      List<String> header = List.of(rows.get(0).split(","));
      int category = header.indexOf("error_category");
      long checkRows =
          rows.stream().skip(1).map(r -> r.split(",", -1)).filter(r -> r[category].equals("check")).count();
      assertEquals(3, checkRows, String.join("\n", rows));
      // the replies sent the saved answer as their prompt: it resolved (no build error) and reached the server
      assertTrue(rows.stream().noneMatch(r -> r.contains("request_build_error")), String.join("\n", rows));
    }
  }
}
