package io.github.gatlingllm.mock;

import static io.github.gatlingllm.mock.Bodies.CHAT;
import static io.github.gatlingllm.mock.Bodies.COMPLETIONS;
import static io.github.gatlingllm.mock.Bodies.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gatlingllm.mock.RawHttpConnection.RawResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MockFaultTest {
  /** Chat, 10 tokens, usage asked: a clean stream is role + 10 tokens + usage + [DONE]. */
  private static final String STREAM = Bodies.includeUsage(Bodies.ignoreEos(Bodies.chat(3, 10, true))).toString();

  private static MockLlmServer server;

  @BeforeAll
  static void start() {
    server = MockLlmServer.start(MockConfig.builder().ttftMs(2).itlMs(2).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void httpErrorHeaderAnswersTheStatusWithAJsonError() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse unavailable =
          connection.post(CHAT, STREAM, "x-mock-fault: http_error", "x-mock-fault-status: 503");
      assertEquals(503, unavailable.status);
      JsonNode error = parse(unavailable.body()).get("error");
      assertEquals("ServiceUnavailableError", error.get("type").asText());
      assertEquals(503, error.get("code").asInt());

      RawResponse limited = connection.post(CHAT, STREAM, "X-Mock-Fault: HTTP-ERROR", "x-mock-fault-status: 429");
      assertEquals(429, limited.status, "header names and mode names are case-insensitive");
      assertEquals(429, parse(limited.body()).at("/error/code").asInt());

      assertEquals(500, connection.post(CHAT, STREAM, "x-mock-fault: http_error").status, "configured default");
      assertEquals(200, connection.post(CHAT, STREAM).status, "the connection stays usable");
    }
  }

  @Test
  void cutClosesTheConnectionAfterKTokensWithoutEndingTheBody() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response = connection.post(CHAT, STREAM, "x-mock-fault: cut", "x-mock-fault-after-tokens: 2");
      assertEquals(200, response.status);
      assertEquals(RawResponse.End.CLOSED, response.endedBy);
      assertEquals(1 + 2, response.events.size(), response.data().toString());
      assertEquals("assistant", parse(response.data().get(0)).at("/choices/0/delta/role").asText());
    }
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response = connection.post(CHAT, STREAM, "x-mock-fault: cut", "x-mock-fault-after-tokens: 0");
      assertEquals(200, response.status);
      assertEquals(RawResponse.End.CLOSED, response.endedBy);
      assertEquals(0, response.events.size(), "K = 0: not even the role chunk");
    }
  }

  @Test
  void malformedSendsOneUndecodableEventThenGoesOn() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response =
          connection.post(CHAT, STREAM, "x-mock-fault: malformed", "x-mock-fault-after-tokens: 2");
      assertEquals(RawResponse.End.COMPLETE, response.endedBy);
      List<String> data = response.data();
      assertEquals(1 + 2 + 1 + 8 + 1 + 1, data.size(), data.toString());
      assertEquals("{\"choices\": [", data.get(3));
      assertThrows(AssertionError.class, () -> parse(data.get(3)));
      assertEquals(" and", parse(data.get(4)).at("/choices/0/delta/content").asText(), "token 3 follows");
      assertEquals(10, parse(data.get(12)).at("/usage/completion_tokens").asInt());
      assertEquals("[DONE]", data.get(13));
    }
  }

  @Test
  void stallStopsSendingKeepsTheConnectionThenClosesIt() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response = connection.post(CHAT, STREAM, "x-mock-fault: stall", "x-mock-fault-after-tokens: 3",
          "x-mock-fault-stall-ms: 300");
      assertEquals(RawResponse.End.CLOSED, response.endedBy);
      assertEquals(1 + 3, response.events.size());
      double silentMs = (response.endNanos - response.events.get(3).nanos()) / 1e6;
      assertTrue(silentMs >= 280 && silentMs < 3000, "silent for " + silentMs + " ms");
    }
  }

  @Test
  void stallHoldsUntilTheReadTimesOut() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      connection.readTimeoutMillis(300);
      RawResponse response =
          connection.post(CHAT, STREAM, "x-mock-fault: stall", "x-mock-fault-after-tokens: 1");
      assertEquals(RawResponse.End.TIMEOUT, response.endedBy, "faultStallMs default is 10 s");
      assertEquals(1 + 1, response.events.size());
    }
  }

  @Test
  void errorEventIsFollowedByDoneAndAProperEnd() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response =
          connection.post(CHAT, STREAM, "x-mock-fault: error_event", "x-mock-fault-after-tokens: 4");
      assertEquals(200, response.status);
      assertEquals(RawResponse.End.COMPLETE, response.endedBy);
      List<String> data = response.data();
      assertEquals(1 + 4 + 1 + 1, data.size(), data.toString());
      JsonNode error = parse(data.get(5)).get("error");
      assertEquals(500, error.get("code").asInt());
      assertTrue(error.get("message").asText().contains("Mock fault"));
      assertEquals("[DONE]", data.get(6));
      assertEquals(200, connection.post(CHAT, STREAM).status, "keep-alive survives an error event");
    }
  }

  @Test
  void faultAfterMoreTokensThanMaxTokensStillFiresBeforeTheEnd() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response = connection.post(COMPLETIONS, Bodies.completion(1, 3, true).toString(),
          "x-mock-fault: error_event", "x-mock-fault-after-tokens: 50");
      List<String> data = response.data();
      assertEquals(2 + 1 + 1, data.size(), "K capped at max_tokens - 1: " + data);
      assertTrue(data.get(2).startsWith("{\"error\""));
    }
  }

  @Test
  void badFaultHeaderIs400NamingTheValue() throws Exception {
    long before = server.acceptedRequests();
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response = connection.post(CHAT, STREAM, "x-mock-fault: explode");
      assertEquals(400, response.status);
      assertTrue(response.body().contains("'explode'") && response.body().contains("error_event"), response.body());
      RawResponse status = connection.post(CHAT, STREAM, "x-mock-fault: http_error", "x-mock-fault-status: 200");
      assertEquals(400, status.status);
      assertTrue(status.body().contains("'200'"), status.body());
    }
    assertEquals(before, server.acceptedRequests());
  }

  @Test
  void nonStreamingFaults() throws Exception {
    String body = Bodies.ignoreEos(Bodies.chat(1, 5, false)).toString();
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse truncated = connection.post(CHAT, body, "x-mock-fault: malformed");
      assertEquals(200, truncated.status);
      assertEquals(RawResponse.End.COMPLETE, truncated.endedBy);
      assertThrows(AssertionError.class, () -> parse(truncated.body()));
      assertEquals(500, connection.post(CHAT, body, "x-mock-fault: error_event").status);
    }
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse cut = connection.post(CHAT, body, "x-mock-fault: cut");
      assertEquals(RawResponse.End.CLOSED, cut.endedBy);
      assertEquals(0, cut.status, "no status line at all");
    }
  }

  @Test
  void faultEveryFaultsExactlyTheRequestsTheRuleNames() throws Exception {
    // n > 1 and (n - 1) % 3 == 0: requests 4 and 7 of 8.
    MockConfig config = MockConfig.builder().ttftMs(0).itlMs(0).fault(FaultMode.CUT, 3).faultOffset(1)
        .faultAfterTokens(1).build();
    try (MockLlmServer faulty = MockLlmServer.start(config)) {
      List<Integer> cut = new ArrayList<>();
      for (int n = 1; n <= 8; n++) {
        try (RawHttpConnection connection = new RawHttpConnection(faulty.port())) {
          if (connection.post(CHAT, STREAM).endedBy == RawResponse.End.CLOSED) {
            cut.add(n);
          }
        }
      }
      assertEquals(List.of(4, 7), cut);
    }
  }

  @Test
  void faultEveryWithHttpErrorAndHeaderOverrides() throws Exception {
    MockConfig config = MockConfig.builder().ttftMs(0).itlMs(0).fault(FaultMode.HTTP_ERROR, 2).faultStatus(429)
        .build();
    try (MockLlmServer faulty = MockLlmServer.start(config);
        RawHttpConnection connection = new RawHttpConnection(faulty.port())) {
      List<Integer> statuses = new ArrayList<>();
      for (int n = 1; n <= 4; n++) {
        statuses.add(connection.post(COMPLETIONS, Bodies.completion(1, 2, true).toString()).status);
      }
      assertEquals(List.of(200, 429, 200, 429), statuses);
      // Request 6 would fail: the header exempts it; request 7 is forced to fail by its header.
      assertEquals(200, connection.post(COMPLETIONS, Bodies.completion(1, 2, true).toString()).status);
      assertEquals(200, connection.post(COMPLETIONS, Bodies.completion(1, 2, true).toString(),
          "x-mock-fault: none").status);
      assertEquals(RawResponse.End.CLOSED, connection.post(COMPLETIONS, Bodies.completion(1, 2, true).toString(),
          "x-mock-fault: cut").endedBy);
      assertEquals(7, faulty.acceptedRequests());
    }
  }

  @Test
  void faultedAndAbandonedStreamsLeaveNoGenerationInFlight() throws Exception {
    try (MockLlmServer slow = MockLlmServer.start(MockConfig.builder().ttftMs(0).itlMs(50).build())) {
      try (RawHttpConnection connection = new RawHttpConnection(slow.port())) {
        connection.send("POST", COMPLETIONS, Bodies.ignoreEos(Bodies.completion(1, 1000, true)).toString());
        awaitInFlight(slow, 1);
      } // the client hangs up mid-stream
      awaitInFlight(slow, 0);
    }
  }

  static void awaitInFlight(MockLlmServer target, int expected) throws InterruptedException {
    for (int i = 0; i < 500 && target.inFlight() != expected; i++) {
      Thread.sleep(10);
    }
    assertEquals(expected, target.inFlight());
  }
}
