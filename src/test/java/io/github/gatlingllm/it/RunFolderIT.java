package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import io.github.gatlingllm.report.RequestCsvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each run writes its files into its own Gatling run folder: also when two runs of the same simulation share a results
 * folder and run at the same time, and when the results folder's path holds spaces.
 */
class RunFolderIT {
  private static final String SIMULATION = "io.github.gatlingllm.simulations.ServingBenchmark";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 240;

  @TempDir Path tmp;

  @BeforeAll
  static void warmUpTheMock() throws Exception {
    WarmMock.warmUpMockCode();
  }

  private static Map<String, String> knobs(MockLlmServer server, int prompts) {
    Map<String, String> knobs = new HashMap<>();
    knobs.put("llm.baseUrl", server.baseUrl());
    knobs.put("llm.model", "mock-llm");
    knobs.put("llm.numPrompts", Integer.toString(prompts));
    knobs.put("llm.requestRate", "10"); // a few seconds each, so that the two runs overlap
    knobs.put("llm.randomInputLen", "8");
    knobs.put("llm.randomOutputLen", "4");
    return knobs;
  }

  @Test
  void twoRunsStartedTogetherIntoOneResultsFolderEachEndWithTheirOwnCompleteFiles() throws Exception {
    Path results = tmp.resolve("results");
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(20).itlMs(5).build())) {
      Process twenty = GatlingRun.start(SIMULATION, knobs(server, 20), results, tmp.resolve("twenty.log"));
      Process thirty = GatlingRun.start(SIMULATION, knobs(server, 30), results, tmp.resolve("thirty.log"));
      try {
        assertFinished(twenty, tmp.resolve("twenty.log"));
        assertFinished(thirty, tmp.resolve("thirty.log"));
      } finally {
        twenty.destroyForcibly();
        thirty.destroyForcibly();
      }
      assertEquals(50, server.acceptedRequests());

      List<Path> folders;
      try (Stream<Path> children = Files.list(results)) {
        folders = children.filter(Files::isDirectory).sorted().toList();
      }
      assertEquals(2, folders.size(), "one folder per run: " + folders);
      Set<Integer> counts = new TreeSet<>();
      for (Path folder : folders) {
        counts.add(assertOwnCompleteFiles(folder));
      }
      assertEquals(Set.of(20, 30), counts, "each folder holds one run's requests, not the other's");
    }
  }

  @Test
  void aResultsFolderWithSpacesInItsPathGetsTheFiles() throws Exception {
    Path results = tmp.resolve("load tests/my results");
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(20).itlMs(5).build())) {
      GatlingRun run = GatlingRun.run(SIMULATION, knobs(server, 12), results);
      assertEquals(0, run.exitCode, run.output);
      assertEquals(12, assertOwnCompleteFiles(run.runFolder()));
      assertTrue(run.output.contains("LLM summary written to " + run.runFolder().toAbsolutePath()), run.output);
    }
  }

  private static void assertFinished(Process gatling, Path log) throws Exception {
    boolean ended = gatling.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    String output = Files.readString(log);
    assertTrue(ended, "Gatling did not finish within " + TIMEOUT_SECONDS + " s:\n" + output);
    assertEquals(0, gatling.exitValue(), output);
  }

  /** Checks that the folder's CSV, summary and HTML block agree with one another; returns its request count. */
  private static int assertOwnCompleteFiles(Path folder) throws Exception {
    JsonNode summary = JSON.readTree(folder.resolve("llm-summary.json").toFile());
    int completed = summary.get("completed").asInt();
    assertEquals(0, summary.get("failed").asInt(), folder.toString());
    assertEquals(0, summary.get("dropped_rows").asLong(), folder.toString());
    List<RequestRecord> rows = RequestCsvReader.read(folder.resolve("llm-requests.csv")).records();
    assertEquals(completed, rows.size(), "one row per request of this run in " + folder);
    assertEquals(completed, summary.get("num_prompts").asInt(), folder.toString());
    String html = Files.readString(folder.resolve("index.html"));
    assertEquals(1, html.split("id=\"llm-summary\"", -1).length - 1, "one LLM block in " + folder);
    return completed;
  }
}
