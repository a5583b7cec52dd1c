package io.github.gatlingllm.mock;

import static io.github.gatlingllm.mock.Bodies.COMPLETIONS;
import static io.github.gatlingllm.mock.Bodies.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.mock.RawHttpConnection.RawResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@code mock.batchSlots} over real sockets: at most B requests run, the others queue in order and wait for a slot,
 * a client that hangs up while queued never runs. Timing is only bounded from below (a slot cannot free before its
 * request's service time), so a loaded machine cannot fail these tests.
 */
class MockBatchSlotsTest {
  private static final int PROMPT_WORDS = 10;

  @Test
  void twoSlotsRunTwoRequestsQueueTheOthersAndSkipAQueuedClientThatHungUp() throws Exception {
    // TTFT 0 and a 10-minute gap after the first token: a running request holds its slot until its client closes.
    MockConfig config = MockConfig.builder().batchSlots(2).ttftMs(0).itlMs(600_000).build();
    String body = Bodies.ignoreEos(Bodies.completion(PROMPT_WORDS, 5, true)).toString();
    List<RawHttpConnection> connections = new ArrayList<>();
    try (MockLlmServer server = MockLlmServer.start(config)) {
      for (int i = 0; i < 2; i++) {
        connections.add(open(server, body));
      }
      await(server::inFlight, 2);
      for (int i = 0; i < 2; i++) {
        connections.add(open(server, body));
      }
      await(server::waiting, 2);
      assertEquals(2, server.inFlight(), "the batch stays at 2");
      assertEquals(2.0, MetricsPage.value(server, "vllm:num_requests_running"));
      assertEquals(2.0, MetricsPage.value(server, "vllm:num_requests_waiting"));

      connections.get(3).close(); // the last one hangs up while queued: it leaves the queue
      await(server::waiting, 1);
      assertEquals(2, server.inFlight());

      connections.get(0).close(); // a slot frees: the oldest queued request (the third) takes it
      await(server::waiting, 0);
      await(server::inFlight, 2);
      connections.get(1).close(); // another slot frees, and nobody that is still there waits for it
      await(server::inFlight, 1);
      assertEquals(0, server.waiting());
      // Prompt tokens count when a request gets its slot: three requests ever ran, never the one that hung up.
      assertEquals(3.0 * PROMPT_WORDS, MetricsPage.value(server, "vllm:prefix_cache_queries_total"));
      assertEquals(4, server.acceptedRequests());

      connections.get(2).close();
      await(server::inFlight, 0);
    } finally {
      for (RawHttpConnection c : connections) {
        c.close();
      }
    }
  }

  @Test
  void queuedRequestsWaitForASlotAndStillGetAllTheirTokens() throws Exception {
    int tokens = 10;
    // S = 50 + 9 x 10 = 140 ms per request, whatever the batch (no per-stream slowdown).
    MockConfig config = MockConfig.builder().batchSlots(2).ttftMs(50).itlMs(10).build();
    MockCapacity capacity = MockCapacity.of(config, PROMPT_WORDS, tokens);
    String body = Bodies.includeUsage(Bodies.ignoreEos(Bodies.completion(PROMPT_WORDS, tokens, true))).toString();
    try (MockLlmServer server = MockLlmServer.start(config)) {
      List<RawResponse> responses = concurrently(4, () -> {
        try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
          return connection.post(COMPLETIONS, body);
        }
      });
      long firstSend = Long.MAX_VALUE;
      List<Long> firstTokens = new ArrayList<>();
      for (RawResponse response : responses) {
        assertEquals(RawResponse.End.COMPLETE, response.endedBy);
        assertEquals(tokens + 2, response.data().size(), "every token, the usage chunk and [DONE]");
        assertEquals(tokens, parse(response.data().get(tokens)).at("/usage/completion_tokens").asInt());
        firstSend = Math.min(firstSend, response.sendNanos);
        firstTokens.add(response.events.get(0).nanos());
      }
      // Whatever the order, only two requests can start before a slot frees, which takes a whole service time: the
      // third and fourth first tokens come at least S + P after the first request was sent.
      Collections.sort(firstTokens);
      double waitedMs = capacity.serviceMs(2) + capacity.prefillMs();
      for (int rank = 2; rank < 4; rank++) {
        double ms = (firstTokens.get(rank) - firstSend) / 1e6;
        assertTrue(ms >= waitedMs, "first token #" + (rank + 1) + " after " + ms + " ms, expected >= " + waitedMs);
      }
      await(server::inFlight, 0);
    }
  }

  @Test
  void closedLoopRunsInRoundsOfTheBatch() throws Exception {
    int users = 5;
    int slots = 2;
    int requestsEach = 3;
    int tokens = 5;
    MockConfig config = MockConfig.builder().batchSlots(slots).ttftMs(20).itlMs(10).build();
    MockCapacity capacity = MockCapacity.of(config, PROMPT_WORDS, tokens); // S(2) = 20 + 4 x 10 = 60 ms
    String body = Bodies.ignoreEos(Bodies.completion(PROMPT_WORDS, tokens, true)).toString();
    try (MockLlmServer server = MockLlmServer.start(config)) {
      long start = System.nanoTime();
      List<List<RawResponse>> loops = concurrently(users, () -> {
        List<RawResponse> mine = new ArrayList<>();
        try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
          for (int i = 0; i < requestsEach; i++) {
            mine.add(connection.post(COMPLETIONS, body));
          }
        }
        return mine;
      });
      long end = System.nanoTime();
      long firstSend = Long.MAX_VALUE;
      List<Long> firstRound = new ArrayList<>();
      for (List<RawResponse> loop : loops) {
        for (RawResponse response : loop) {
          assertEquals(RawResponse.End.COMPLETE, response.endedBy);
          assertEquals(tokens + 1, response.data().size());
        }
        firstSend = Math.min(firstSend, loop.get(0).sendNanos);
        firstRound.add(loop.get(0).events.get(0).nanos());
      }
      // In the first round, the k-th first token (from 0) cannot come before floor(k / B) rounds of S(B) have passed:
      // the last one is the closed form's longest TTFT, P + (ceil(c / B) - 1) S(B).
      Collections.sort(firstRound);
      for (int k = 0; k < users; k++) {
        double floorMs = capacity.prefillMs() + (k / slots) * capacity.serviceMs(slots);
        double ms = (firstRound.get(k) - firstSend) / 1e6;
        assertTrue(ms >= floorMs, "first-round token #" + k + " after " + ms + " ms, expected >= " + floorMs);
      }
      assertEquals(capacity.prefillMs() + 2 * capacity.serviceMs(slots), capacity.closedTtftMs(users, 100), 1e-9);
      // Throughput cannot beat B / S(B): 15 requests through 2 slots take at least 8 service times.
      double elapsedMs = (end - start) / 1e6;
      double leastMs = Math.ceil(users * requestsEach / (double) slots) * capacity.serviceMs(slots);
      assertTrue(elapsedMs >= leastMs, "the loop took " + elapsedMs + " ms, expected >= " + leastMs);
      assertEquals(users * requestsEach, server.acceptedRequests());
      await(server::inFlight, 0);
      assertEquals(0, server.waiting());
    }
  }

  private static RawHttpConnection open(MockLlmServer server, String body) throws IOException {
    RawHttpConnection connection = new RawHttpConnection(server.port());
    connection.send("POST", COMPLETIONS, body);
    return connection;
  }

  /** Runs {@code count} copies of {@code task} at once and returns their results in order. */
  private static <T> List<T> concurrently(int count, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        futures.add(pool.submit(task));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits (up to 5 s: patience, not a performance bound) for a count the server reports to reach {@code expected}. */
  private static void await(IntSupplier count, int expected) throws InterruptedException {
    for (int i = 0; i < 500 && count.getAsInt() != expected; i++) {
      Thread.sleep(10);
    }
    assertEquals(expected, count.getAsInt());
  }
}
