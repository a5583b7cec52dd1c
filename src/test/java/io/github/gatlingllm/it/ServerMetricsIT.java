package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ready simulation samples the mock's {@code /metrics} by default (auto), into the CSV, the JSON and the console. */
class ServerMetricsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path results;

  @BeforeAll
  static void warmUpTheMock() throws Exception {
    WarmMock.warmUpMockCode();
  }

  @Test
  void throughputBenchmarkWritesServerMetrics() throws Exception {
    MockConfig config = MockConfig.builder().ttftMs(10).itlMs(5).maxModelLen(4096).build();
    try (MockLlmServer server = MockLlmServer.start(config)) {
      Map<String, String> knobs = new HashMap<>();
      knobs.put("llm.baseUrl", server.baseUrl());
      knobs.put("llm.numPrompts", "20");
      knobs.put("llm.randomInputLen", "32");
      knobs.put("llm.randomOutputLen", "16");
      knobs.put("llm.serverMetricsInterval", "100ms");
      GatlingRun run = GatlingRun.run("io.github.gatlingllm.simulations.ThroughputBenchmark", knobs, results);
      assertEquals(0, run.exitCode, run.output);
      Path folder = run.runFolder();

      List<String> lines = Files.readAllLines(folder.resolve("server-metrics.csv"));
      assertEquals("time_ms,series,value", lines.get(0));
      Set<String> series = lines.stream().skip(1).map(l -> l.split(",")[1]).collect(Collectors.toSet());
      assertTrue(series.containsAll(Set.of("running", "waiting", "kv_cache_usage", "preemptions")), series.toString());
      for (String row : lines.subList(1, lines.size())) {
        String[] cells = row.split(",");
        assertEquals(3, cells.length, row);
        Long.parseLong(cells[0]);
        assertTrue(Double.parseDouble(cells[2]) >= 0, row);
      }

      JsonNode summary = JSON.readTree(folder.resolve("llm-summary.json").toFile());
      JsonNode server_ = summary.get("server_metrics");
      assertEquals(server.baseUrl() + "/metrics", server_.get("url").asText());
      assertTrue(server_.get("scrapes").asLong() >= 1);
      assertEquals(0, server_.get("scrape_failures").asLong());
      JsonNode running = server_.get("series").get("running");
      assertTrue(running.get("samples").asLong() >= 1);
      assertTrue(running.has("mean") && running.has("max"));
      assertTrue(server_.get("series").has("kv_cache_usage"));
      assertEquals(0.0, server_.get("preemptions").asDouble());
      assertTrue(server_.has("prefix_cache_hit_rate"));

      assertTrue(run.output.contains("================= Server metrics ================="), run.output);
      assertFalse(run.output.contains("Server metrics off"), run.output);
      String html = Files.readString(folder.resolve("index.html"));
      assertTrue(html.contains("<div id=\"llm-chart-server\""));
    }
  }
}
