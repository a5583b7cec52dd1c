package io.github.gatlingllm.mock;

import static io.github.gatlingllm.mock.Bodies.CHAT;
import static io.github.gatlingllm.mock.Bodies.COMPLETIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gatlingllm.mock.RawHttpConnection.RawResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server-side truth ({@link MockLlmServer#truth()}, {@code /mock/stats}). Bounds on times are generous (shared
 * machines); counts are exact.
 */
class MockTruthTest {
  private static final String STREAM_20 = Bodies.ignoreEos(Bodies.completion(3, 20, true)).toString();

  @Test
  void truthReportsTheConfiguredTtftAndItl() throws Exception {
    MockConfig config = MockConfig.builder().ttftMs(50).itlMs(10).build();
    try (MockLlmServer server = MockLlmServer.start(config);
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      long started = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        assertEquals(20 + 1, connection.post(COMPLETIONS, STREAM_20).events.size()); // 20 tokens + [DONE]
      }
      MockTruth truth = truthWith(server, 3 * 19);
      assertEquals(3, truth.requests());
      assertEquals(3 * 19, truth.itl().count(), "one gap per chunk after the first");
      assertTrue(truth.ttft().meanMs() >= 50 && truth.ttft().meanMs() <= 80, "TTFT " + truth.ttft());
      assertTrue(truth.itl().medianMs() >= 8 && truth.itl().medianMs() <= 14, "ITL " + truth.itl());
      assertTrue(truth.itl().p99Ms() >= truth.itl().medianMs(), "ITL " + truth.itl());
      // Same clock as this test's: the mean first chunk went out between the first send and now.
      assertTrue(truth.meanFirstChunkNanoTime() > started && truth.meanFirstChunkNanoTime() < System.nanoTime());
    }
  }

  @Test
  void chatRoleChunkIsTheFirstChunkAndGoesOutWithToken1() throws Exception {
    // 25 ms gaps: a timer must be late by more than a whole gap, five times, before the median could drop
    MockConfig config = MockConfig.builder().ttftMs(20).itlMs(25).build();
    try (MockLlmServer server = MockLlmServer.start(config);
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      connection.post(CHAT, Bodies.ignoreEos(Bodies.chat(3, 10, true)).toString());
      MockTruth truth = truthWith(server, 10);
      assertEquals(1, truth.requests());
      // Role chunk + 10 tokens = 11 chunks, 10 gaps, the first of which is 0 (same flush); the median is a real gap.
      assertEquals(10, truth.itl().count());
      assertTrue(truth.itl().medianMs() >= 15, "ITL " + truth.itl());
    }
  }

  @Test
  void firstRequestsAreSkippedAndFaultsAndNonStreamingAreLeftOut() throws Exception {
    MockConfig config = MockConfig.builder().ttftMs(1).itlMs(1).truthSkipFirst(2).build();
    try (MockLlmServer server = MockLlmServer.start(config);
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      connection.post(COMPLETIONS, STREAM_20); // request 1: skipped
      connection.post(COMPLETIONS, STREAM_20); // request 2: skipped
      // Same connection, so same event loop: a stats request answered there comes after request 2 is recorded.
      assertEquals(0, Bodies.parse(get(connection, "/mock/stats").body()).get("requests").asLong());
      connection.post(COMPLETIONS, STREAM_20);
      connection.post(COMPLETIONS, Bodies.ignoreEos(Bodies.completion(3, 20, false)).toString());
      connection.post(COMPLETIONS, STREAM_20, "x-mock-fault: malformed");
      MockTruth truth = truthWith(server, 19);
      assertEquals(1, truth.requests());
      assertEquals(19, truth.itl().count());
    }
  }

  @Test
  void resetForgetsEverythingRecordedBefore() throws Exception {
    MockConfig config = MockConfig.builder().ttftMs(1).itlMs(1).build();
    try (MockLlmServer server = MockLlmServer.start(config);
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      connection.post(COMPLETIONS, STREAM_20);
      connection.post(COMPLETIONS, STREAM_20);
      assertEquals(2, truthWith(server, 2 * 19).requests());
      server.resetStats();
      assertEquals(0, server.truth().requests());
      assertEquals(0, server.truth().itl().count());
      assertEquals(0, server.timingStats().tokens());
      connection.post(COMPLETIONS, STREAM_20);
      assertEquals(19, truthWith(server, 19).itl().count());
      assertEquals(1, server.truth().requests());
      assertEquals(20, server.timingStats().tokens());
    }
  }

  @Test
  void statsEndpointsServeAndResetTheTruthAsJson() throws Exception {
    MockConfig config = MockConfig.builder().ttftMs(1).itlMs(1).truthSkipFirst(1).build();
    try (MockLlmServer server = MockLlmServer.start(config);
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      connection.post(COMPLETIONS, STREAM_20);
      connection.post(COMPLETIONS, STREAM_20);
      // Same connection, so same event loop: the stats request runs after both streams were recorded.
      RawResponse stats = get(connection, "/mock/stats");
      assertEquals(200, stats.status);
      JsonNode json = Bodies.parse(stats.body());
      assertEquals(1, json.get("requests").asLong());
      for (String metric : List.of("ttft_ms", "itl_ms")) {
        for (String field : List.of("count", "mean", "median", "p99")) {
          assertTrue(json.get(metric).get(field).isNumber(), metric + "." + field + " in " + json);
        }
      }
      assertEquals(19, json.get("itl_ms").get("count").asLong());
      assertTrue(json.get("mean_first_chunk_nanotime").isIntegralNumber());
      assertEquals(40, json.get("lateness").get("tokens").asLong(), "lateness counts the skipped request too");
      assertTrue(json.get("lateness").get("max_ms").isNumber());
      assertEquals(2, json.get("accepted_requests").asLong());
      assertEquals(1, json.get("truth_skip_first").asLong());

      RawResponse reset = connection.post("/mock/stats/reset", "");
      assertEquals(200, reset.status);
      assertEquals(0, Bodies.parse(reset.body()).get("requests").asLong());
      assertEquals(0, Bodies.parse(get(connection, "/mock/stats").body()).get("ttft_ms").get("count").asLong());
      assertEquals(405, get(connection, "/mock/stats/reset").status);
      assertEquals(405, connection.post("/mock/stats", "").status);
    }
  }

  /**
   * The truth once it holds {@code itlSamples} ITL samples. The server records a chunk when its flush returns, which
   * can be just after the client has read it; waiting on the exact count keeps the test deterministic.
   */
  private static MockTruth truthWith(MockLlmServer server, long itlSamples) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    MockTruth truth = server.truth();
    while (truth.itl().count() < itlSamples && System.nanoTime() < deadline) {
      Thread.sleep(2);
      truth = server.truth();
    }
    return truth;
  }

  private static RawResponse get(RawHttpConnection connection, String path) throws Exception {
    return connection.read(connection.send("GET", path, null));
  }
}
