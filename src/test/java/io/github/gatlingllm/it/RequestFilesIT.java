package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import io.github.gatlingllm.report.RequestCsvReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run leaves on disk when it is killed: every request that finished before the kill. */
class RequestFilesIT {
  @TempDir Path results;
  @TempDir Path logs;

  @BeforeAll
  static void warmUpTheMock() throws Exception {
    WarmMock.warmUpMockCode();
  }

  /**
   * Requests arrive every 500 ms (burstiness 1000 makes the gaps near-constant) and each takes about 50 ms, so a kill
   * 150 ms after a row appears falls between requests: the file must then hold exactly the requests the server
   * served, all readable, none half-written.
   */
  @Test
  void sigkillHalfWayKeepsEveryFinishedRequest() throws Exception {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(30).itlMs(5).build())) {
      Map<String, String> knobs =
          Map.of(
              "llm.baseUrl", server.baseUrl(),
              "llm.model", "mock-llm",
              "llm.numPrompts", "40",
              "llm.requestRate", "2",
              "llm.burstiness", "1000",
              "llm.randomInputLen", "8",
              "llm.randomOutputLen", "4");
      Process gatling = GatlingRun.start(
          "io.github.gatlingllm.simulations.ServingBenchmark", knobs, results, logs.resolve("gatling.log"));
      try {
        int rowsBeforeKill = waitForRows(3, 60);
        Thread.sleep(150); // mid-gap: the next arrival is ~400 ms after the last row appeared
        gatling.destroyForcibly(); // SIGKILL: no shutdown hook runs
        gatling.waitFor(20, TimeUnit.SECONDS);

        Path csv = csv().orElseThrow();
        List<RequestRecord> rows = RequestCsvReader.read(csv).records();
        assertTrue(rows.size() >= rowsBeforeKill, rows.size() + " rows, " + rowsBeforeKill + " seen before the kill");
        assertTrue(rows.size() < 40, "killed half way: " + rows.size());
        assertEquals(server.acceptedRequests(), rows.size(), "every request the server served has its row");
        rows.forEach(r -> assertTrue(r.success() && r.outputTokens() == 4, "complete row " + r.requestId()));
      } finally {
        gatling.destroyForcibly();
      }
    }
  }

  /**
   * SIGTERM (Ctrl-C, a CI job cancelled, a pod evicted) in the middle of a load: the run's shutdown hook cancels the
   * requests in flight, waits a bounded time for their records, then writes the CSV and the summary, which agree: one
   * row per request, ok, failed or cancelled, and the same counts in llm-summary.json.
   */
  @Test
  void sigtermHalfWayCancelsTheRequestsInFlightAndTheCsvAndSummaryAgree() throws Exception {
    // Each answer takes about 2 s (100 tokens 20 ms apart) and 5 start per second: about 10 are in flight at any time.
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(20).itlMs(20).build())) {
      Map<String, String> knobs =
          Map.of(
              "llm.baseUrl", server.baseUrl(),
              "llm.model", "mock-llm",
              "llm.numPrompts", "200",
              "llm.requestRate", "5",
              "llm.burstiness", "1000",
              "llm.randomInputLen", "8",
              "llm.randomOutputLen", "100",
              "llm.ignoreEos", "true");
      Path log = logs.resolve("gatling-term.log");
      Process gatling = GatlingRun.start("io.github.gatlingllm.simulations.ServingBenchmark", knobs, results, log);
      try {
        waitForRows(5, 120);
        gatling.destroy(); // SIGTERM: the JVM runs its shutdown hooks
        // A hang guard, not a performance bound: the drain is bounded by the client's close and the record wait.
        assertTrue(gatling.waitFor(120, TimeUnit.SECONDS), "the JVM ended after SIGTERM");
        String output = Files.readString(log);
        Path csv = csv().orElseThrow();
        Path folder = csv.getParent();
        List<RequestRecord> rows = RequestCsvReader.read(csv).records();
        JsonNode summary = new ObjectMapper().readTree(folder.resolve("llm-summary.json").toFile());
        long completed = summary.get("completed").asLong();
        long failed = summary.get("failed").asLong();
        long cancelled = summary.get("cancelled").asLong();
        assertEquals(rows.size(), completed + failed + cancelled, "one row per request the summary counts\n" + output);
        assertEquals(rows.stream().filter(RequestRecord::success).count(), completed);
        assertEquals(rows.stream().filter(r -> r.error() == ErrorCategory.CANCELLED).count(), cancelled);
        assertEquals(0, failed, "the client's own stop is not a server failure: " + summary);
        assertTrue(cancelled > 0, "requests were in flight at the SIGTERM: " + summary);
        assertTrue(output.contains("interrupted"), output);
      } finally {
        gatling.destroyForcibly();
      }
    }
  }

  /** Waits until the CSV holds at least {@code rows} rows and returns the count seen the moment it grew. */
  private int waitForRows(int rows, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      Optional<Path> csv = csv();
      if (csv.isPresent()) {
        int count = Math.max(0, Files.readAllLines(csv.get()).size() - 1);
        if (count >= rows) {
          return count;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no " + rows + " rows in llm-requests.csv after " + seconds + " s");
  }

  private Optional<Path> csv() throws IOException {
    try (Stream<Path> folders = Files.list(results)) {
      return folders.map(f -> f.resolve("llm-requests.csv")).filter(Files::exists).findFirst();
    }
  }
}
