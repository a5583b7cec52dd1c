package io.github.gatlingllm.mock;

import static io.github.gatlingllm.mock.Bodies.CHAT;
import static io.github.gatlingllm.mock.Bodies.COMPLETIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.mock.RawHttpConnection.RawResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The latency model, measured from a client on loopback; tolerances are generous (shared CI machines). */
class MockLatencyTest {

  @Test
  void ttftAndInterTokenGapsFollowTheConfiguration() throws Exception {
    MockConfig config = MockConfig.builder().ttftMs(100).itlMs(20).build();
    try (MockLlmServer server = MockLlmServer.start(config);
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      connection.post(CHAT, Bodies.ignoreEos(Bodies.chat(1, 2, true)).toString()); // warm-up (JIT, connection)
      RawResponse response = connection.post(CHAT, Bodies.ignoreEos(Bodies.chat(20, 30, true)).toString());

      assertEquals(1 + 30 + 1, response.events.size());
      double ttft = response.millisToEvent(0);
      assertTrue(ttft >= 95 && ttft <= 150, "TTFT " + ttft + " ms");
      // Token k (event k; the role chunk travels with token 1) is due 100 + (k - 1) x 20 ms after the request on the
      // mock's absolute schedule. A client can see a token late, never early: each due time is a bound no busy
      // machine can break (1 ms of slack for the two clocks' reads), and a late token does not push the next ones.
      for (int k = 1; k <= 30; k++) {
        double due = 100 + (k - 1) * 20;
        assertTrue(response.millisToEvent(k) >= due - 1, "token " + k + " after " + response.millisToEvent(k) + " ms");
      }
      MockTimingStats timing = server.timingStats();
      assertEquals(2 + 30, timing.tokens(), "every token written is accounted for");
      assertTrue(timing.maxLateMs() >= 0 && timing.meanLateMs() <= timing.maxLateMs(), timing.describe());
    }
  }

  @Test
  void ttftGrowsWithPromptTokens() throws Exception {
    MockConfig config = MockConfig.builder().ttftMs(20).ttftPerPromptTokenMs(1).itlMs(1).build();
    try (MockLlmServer server = MockLlmServer.start(config);
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      connection.post(COMPLETIONS, Bodies.completion(1, 1, true).toString());
      double shortPrompt = connection.post(COMPLETIONS, Bodies.completion(1, 1, true).toString()).millisToEvent(0);
      double longPrompt = connection.post(COMPLETIONS, Bodies.completion(150, 1, true).toString()).millisToEvent(0);
      // Lower bounds only (a busy machine can make any token late, never early): 150 words cannot come before
      // 20 + 150 ms, so the prompt's share of the TTFT is there.
      assertTrue(shortPrompt >= 20, "TTFT of 1 word " + shortPrompt);
      assertTrue(longPrompt >= 170, "TTFT of 150 words " + longPrompt);
    }
  }

  @Test
  void itlPerActiveStreamSlowsConcurrentStreams() throws Exception {
    // 4 ms + 4 ms per stream in flight: 8 ms alone, 24 ms with four streams.
    MockConfig config = MockConfig.builder().ttftMs(10).itlMs(4).itlPerActiveStreamMs(4).build();
    String body = Bodies.ignoreEos(Bodies.completion(1, 25, true)).toString();
    try (MockLlmServer server = MockLlmServer.start(config)) {
      double alone;
      try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
        connection.post(COMPLETIONS, body);
        alone = median(gaps(connection.post(COMPLETIONS, body), 0, 25));
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<RawResponse>> streams = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          streams.add(pool.submit(() -> {
            try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
              return connection.post(COMPLETIONS, body);
            }
          }));
        }
        double[] medians = new double[4];
        for (int i = 0; i < 4; i++) {
          RawResponse response = streams.get(i).get();
          assertEquals(25 + 1, response.events.size());
          // The middle of the stream, where all four overlap whatever their start order.
          medians[i] = median(gaps(response, 8, 17));
        }
        assertTrue(alone >= 6 && alone <= 14, "alone " + alone + " ms");
        for (double concurrent : medians) {
          assertTrue(concurrent >= 18 && concurrent <= 36,
              "with four streams " + concurrent + " ms (alone " + alone + " ms)");
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void jitterReachesTheWire() throws Exception {
    MockConfig config = MockConfig.builder().ttftMs(0).itlMs(10).itlJitterMs(8).seed(3).build();
    try (MockLlmServer server = MockLlmServer.start(config);
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      double[] gaps = gaps(connection.post(COMPLETIONS, Bodies.ignoreEos(Bodies.completion(1, 60, true)).toString()),
          0, 60);
      Arrays.sort(gaps);
      // Gaps are drawn uniform in [2, 18] ms: their spread shows the jitter. Bounds and seeding are checked
      // exactly in LatencyModelTest; a busy machine can only widen what a client sees, never narrow it.
      assertTrue(gaps[gaps.length - 1] - gaps[0] > 8, "spread " + Arrays.toString(gaps));
    }
  }

  /** Gaps in ms between events {@code from..to} (inclusive, indexes into the event list). */
  private static double[] gaps(RawResponse response, int from, int to) {
    double[] gaps = new double[to - from];
    for (int i = from + 1; i <= to; i++) {
      gaps[i - from - 1] = (response.events.get(i).nanos() - response.events.get(i - 1).nanos()) / 1e6;
    }
    return gaps;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
