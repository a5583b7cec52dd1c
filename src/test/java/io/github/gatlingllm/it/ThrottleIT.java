package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code setUp(...).throttle(...)} paces LLM requests as it paces Gatling's own HTTP requests. */
class ThrottleIT {
  @TempDir Path results;

  @Test
  void twelveUsersArrivingAtOnceAreSentAtTheThrottledRate() throws Exception {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(5).itlMs(1).build())) {
      GatlingRun run =
          GatlingRun.run(
              "io.github.gatlingllm.it.fixtures.ThrottledChat", Map.of("llm.baseUrl", server.baseUrl()), results);
      assertEquals(0, run.exitCode, run.output);
      JsonNode summary = new ObjectMapper().readTree(run.runFolder().resolve("llm-summary.json").toFile());
      assertEquals(12, summary.get("completed").asInt(), summary.toString());
      List<Double> starts = new ArrayList<>();
      summary.get("start_times").forEach(t -> starts.add(t.asDouble()));
      Collections.sort(starts);
      // Send times since the run's first dispatch (vLLM's start_times), not since some other origin.
      double duration = summary.get("duration").asDouble();
      assertTrue(starts.get(0) >= 0 && starts.get(11) <= duration, "start times within [0, " + duration + "]: " + starts);
      // Unthrottled, all 12 would leave within milliseconds. At 4 per second the 12th leaves about 2.75 s after
      // the first (Gatling's throttler releases per 1/rps slots within each second); no second holds more than 4.
      double spread = starts.get(11) - starts.get(0);
      assertTrue(spread > 2.0 && spread < 6.0, "12 sends spread over " + spread + " s: " + starts);
      for (int i = 4; i < starts.size(); i++) {
        assertTrue(starts.get(i) - starts.get(i - 4) > 0.5, "5 sends within " + (starts.get(i) - starts.get(i - 4))
            + " s: " + starts);
      }
    }
  }
}
