package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import io.github.gatlingllm.report.RequestCsvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests still in flight when Gatling stops a run at {@code maxDuration} are the client's doing: they end as
 * {@code cancelled}, kept out of {@code failed} (so a {@code failed == 0} gate holds), counted and shown apart, and
 * their CSV rows say so; the summary and the CSV agree.
 */
class CancelledAtMaxDurationIT {
  @TempDir Path results;

  @Test
  void requestsCutByMaxDurationAreCancelledNotFailed() throws Exception {
    // 10 ms a token: the long answers would take 10 s, the run stops after 3.
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(5).itlMs(10).build())) {
      GatlingRun run =
          GatlingRun.run(
              "io.github.gatlingllm.it.fixtures.StoppedByMaxDuration",
              Map.of("llm.baseUrl", server.baseUrl()),
              results);
      assertEquals(0, run.exitCode, run.output);
      Path folder = run.runFolder();
      JsonNode summary = new ObjectMapper().readTree(folder.resolve("llm-summary.json").toFile());
      assertEquals(6, summary.get("completed").asInt(), summary.toString());
      assertEquals(0, summary.get("failed").asInt(), summary.toString());
      assertEquals(10, summary.get("cancelled").asInt(), summary.toString());
      assertFalse(summary.get("errors_by_category").has("cancelled"), "not an error: " + summary);
      assertTrue(run.output.contains("Cancelled requests:"), run.output);

      List<RequestRecord> rows = RequestCsvReader.read(folder.resolve("llm-requests.csv")).records();
      assertEquals(16, rows.size(), "every request has its row, the cancelled ones too");
      long cancelledRows = rows.stream().filter(r -> r.error() == ErrorCategory.CANCELLED).count();
      assertEquals(10, cancelledRows);
      assertTrue(
          Files.readString(folder.resolve("llm-requests.csv")).lines().filter(l -> l.contains(",cancelled,")).count()
              >= 10,
          "their status column says cancelled");
    }
  }
}
