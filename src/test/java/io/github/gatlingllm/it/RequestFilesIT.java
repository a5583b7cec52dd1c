package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
