package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.it.fixtures.StalledLoop;
import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measurement health in a real run whose simulation blocks one event loop for 200 ms while streams are in flight:
 * the stall is reported, and exactly the requests whose window [send, end] in llm-requests.csv overlaps a reported
 * loop stall are flagged; the summary holds {@code measurement_health} and its flat keys, the console its line.
 */
class MeasurementHealthIT {
  private static final String SIMULATION = "io.github.gatlingllm.it.fixtures.StalledLoop";

  @TempDir Path results;

  @Test
  void aBlockedEventLoopFlagsExactlyTheRequestsThatOverlappedIt() throws Exception {
    // 80 tokens 10 ms apart: the streams are in flight for about 0.8 s, across the stall at 0.3-0.5 s
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(5).itlMs(10).build())) {
      GatlingRun run = GatlingRun.run(SIMULATION, Map.of("llm.baseUrl", server.baseUrl()), results);
      assertEquals(0, run.exitCode, run.output);
      Path folder = run.runFolder();
      JsonNode summary = new ObjectMapper().readTree(folder.resolve("llm-summary.json").toFile());
      JsonNode health = summary.get("measurement_health");
      assertTrue(health != null && health.isObject(), summary.toString());

      // the provoked stall: one loop stall of about 200 ms (the probe's intended run may fall up to 10 ms into it)
      List<long[]> lagStalls = new ArrayList<>();
      for (JsonNode stall : health.get("longest_stalls")) {
        if (stall.get("cause").asText().equals("lag")) {
          lagStalls.add(new long[] {nanos(stall.get("start_ms").asText()), nanos(stall.get("end_ms").asText())});
        }
      }
      long overThreshold = health.get("event_loop_lag").get("stalls_over_threshold").asLong();
      assertEquals(overThreshold, lagStalls.size(), "every stall over the threshold is listed\n" + health);
      assertTrue(lagStalls.stream().anyMatch(s -> s[1] - s[0] >= 150_000_000L), health.toString());
      assertEquals(100.0, health.get("lag_threshold_ms").asDouble());

      // the requests whose window overlaps a reported loop stall, from llm-requests.csv's exact times
      List<String> rows = Files.readAllLines(folder.resolve("llm-requests.csv"));
      List<String> header = List.of(rows.get(0).split(","));
      int send = header.indexOf("send_ms");
      int end = header.indexOf("end_ms");
      int overlapping = 0;
      int requests = 0;
      for (String row : rows.subList(1, rows.size())) {
        String[] cells = row.split(",", -1);
        if (cells[send].isEmpty() || cells[end].isEmpty()) {
          continue;
        }
        requests++;
        long from = nanos(cells[send]);
        long to = nanos(cells[end]);
        if (lagStalls.stream().anyMatch(s -> from <= s[1] && to >= s[0])) {
          overlapping++;
        }
      }
      assertEquals(12, requests, String.join("\n", rows));
      JsonNode flagged = health.get("flagged_requests");
      assertEquals(12, flagged.get("judged").asLong(), health.toString());
      assertTrue(overlapping >= 1, "streams were in flight across the stall\n" + String.join("\n", rows));
      assertEquals(overlapping, flagged.get("lag").asLong(), health + "\n" + String.join("\n", rows));
      assertTrue(overlapping <= 8, "the later requests started after the stall");
      assertEquals(flagged.get("total").asLong(), summary.get("health_flagged_requests").asLong());
      assertTrue(summary.get("event_loop_lag_max_ms").asDouble() >= 150, summary.toString());
      assertTrue(run.output.contains("Measurement health: loop lag p99 "), run.output);
      assertTrue(run.output.contains(" overlapped a stall"), run.output);
    }
  }

  /** Milliseconds since the run's origin with 6 decimals (llm-requests.csv, the health's stalls) as nanoseconds. */
  private static long nanos(String millis) {
    return new BigDecimal(millis).movePointRight(6).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
  }
}
