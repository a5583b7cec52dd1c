package io.github.gatlingllm.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.mock.RawHttpConnection.RawResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mock's LLM-on-Ray simple mode on {@code POST /<model>}: raw text chunks, routes, errors, faults. */
class MockLlmOnRaySimpleTest {
  private static final String MODEL = "llama-2-7b-chat-hf";
  private static final String ROUTE = "/" + MODEL;
  private static MockLlmServer server;

  @BeforeAll
  static void start() {
    server = MockLlmServer.start(MockConfig.builder().model(MODEL).ttftMs(1).itlMs(1).seed(42).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String body(int words, int maxNewTokens, boolean ignoreEos) {
    return Bodies.JSON.createObjectNode().put("text", Bodies.words(words)).put("stream", true).set("config",
        Bodies.JSON.createObjectNode().put("max_new_tokens", maxNewTokens).put("ignore_eos", ignoreEos)).toString();
  }

  @Test
  void bodyIsPlainTextOneTokenPerChunkEndingWithTheBody() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response = connection.post(ROUTE, body(5, 9, true));
      assertEquals(200, response.status);
      assertEquals("text/plain; charset=utf-8", response.headers.get("content-type"));
      assertEquals("chunked", response.headers.get("transfer-encoding"));
      assertEquals(RawResponse.End.COMPLETE, response.endedBy);
      assertEquals(9, response.chunks, "ignore_eos: exactly max_new_tokens chunks");
      assertEquals(TokenVocabulary.text(9), response.body(), "no SSE framing, no counts, no end marker");
    }
  }

  @Test
  void withoutIgnoreEosTheLengthIsASeededDrawUpToTheLimit() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      for (int i = 0; i < 10; i++) {
        RawResponse response = connection.post(ROUTE, body(3, 6, false));
        assertTrue(response.chunks >= 1 && response.chunks <= 6, "chunks " + response.chunks);
        assertEquals(TokenVocabulary.text(response.chunks), response.body());
      }
    }
  }

  @Test
  void otherRoutesAndBadBodiesAreRejected() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      assertEquals(404, connection.post("/other-model", body(3, 4, true)).status, "only the served model");
      assertEquals(405, connection.read(connection.send("GET", ROUTE, null)).status);
      assertEquals(400, connection.post(ROUTE, "{\"config\":{}}").status, "text missing");
      assertEquals(400, connection.post(ROUTE, "{\"text\":\"hi\",\"config\":{\"max_new_tokens\":0}}").status);
      assertEquals(400, connection.post(ROUTE, "{\"text\":\"hi\",\"config\":\"x\"}").status);
    }
  }

  @Test
  void errorFaultTruncatesTheBody() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response =
          connection.post(ROUTE, body(3, 20, true), "x-mock-fault: error_event", "x-mock-fault-after-tokens: 2");
      assertEquals(RawResponse.End.CLOSED, response.endedBy, "raw text has no error event: the body is cut");
      assertEquals(TokenVocabulary.text(2), response.body());
    }
  }
}
