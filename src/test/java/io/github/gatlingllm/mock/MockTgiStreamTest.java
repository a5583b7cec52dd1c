package io.github.gatlingllm.mock;

import static io.github.gatlingllm.mock.Bodies.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gatlingllm.mock.RawHttpConnection.RawResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mock's TGI {@code POST /generate_stream}: the stream shape, the counts, errors and faults. */
class MockTgiStreamTest {
  private static final String TGI = "/generate_stream";
  private static MockLlmServer server;

  @BeforeAll
  static void start() {
    server = MockLlmServer.start(MockConfig.builder().ttftMs(1).itlMs(1).seed(42).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String body(int words, int maxNewTokens) {
    return Bodies.JSON.createObjectNode().put("inputs", Bodies.words(words)).set("parameters",
        Bodies.JSON.createObjectNode().put("max_new_tokens", maxNewTokens).put("details", true)).toString();
  }

  @Test
  void streamHasOneTokenEventPerTokenAndDetailsOnTheLastWithoutDone() throws Exception {
    boolean sawLength = false;
    boolean sawEos = false;
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      for (int request = 0; request < 30 && !(sawLength && sawEos); request++) {
        RawResponse response = connection.post(TGI, body(7, 6));
        assertEquals(200, response.status);
        assertEquals("text/event-stream; charset=utf-8", response.headers.get("content-type"));
        assertEquals(RawResponse.End.COMPLETE, response.endedBy);
        assertTrue(response.body().startsWith("data:{\"index\":1,"), "TGI writes no space after data:");
        List<String> data = response.data();
        int n = data.size();
        assertTrue(n >= 1 && n <= 6, data.toString());
        assertEquals(n, response.chunks, "one HTTP chunk per event");
        StringBuilder visible = new StringBuilder();
        for (int i = 0; i < n; i++) {
          JsonNode event = parse(data.get(i));
          assertEquals(i + 1, event.get("index").asInt());
          assertTrue(event.at("/token/id").isInt());
          if (!event.at("/token/special").asBoolean()) {
            visible.append(event.at("/token/text").asText());
          }
          if (i < n - 1) {
            assertFalse(event.at("/token/special").asBoolean());
            assertTrue(event.get("generated_text").isNull());
            assertTrue(event.get("details").isNull());
          }
        }
        JsonNode last = parse(data.get(n - 1));
        assertEquals(n, last.at("/details/generated_tokens").asInt());
        assertEquals(7, last.at("/details/input_length").asInt());
        assertEquals(visible.toString(), last.get("generated_text").asText());
        if (n == 6) {
          sawLength = true;
          assertEquals("length", last.at("/details/finish_reason").asText());
          assertFalse(last.at("/token/special").asBoolean());
        } else {
          sawEos = true;
          assertEquals("eos_token", last.at("/details/finish_reason").asText());
          assertTrue(last.at("/token/special").asBoolean());
          assertEquals(TgiChunkEncoder.EOS_TEXT, last.at("/token/text").asText());
        }
        assertEquals(TokenVocabulary.text(sawEos && n < 6 ? n - 1 : n), visible.toString());
      }
    }
    assertTrue(sawLength && sawEos, "both endings seen");
  }

  @Test
  void invalidBodiesAreRejectedWithA400() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      assertEquals(400, connection.post(TGI, "{\"parameters\":{}}").status, "inputs missing");
      assertEquals(400, connection.post(TGI, "{\"inputs\":\"hi\",\"parameters\":{\"max_new_tokens\":0}}").status);
      assertEquals(400, connection.post(TGI, "{\"inputs\":\"hi\",\"parameters\":3}").status);
      assertEquals(405, connection.read(connection.send("GET", TGI, null)).status);
    }
  }

  @Test
  void errorEventFaultIsTgisErrorShape() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response =
          connection.post(TGI, body(3, 20), "x-mock-fault: error_event", "x-mock-fault-after-tokens: 2");
      List<String> data = response.data();
      assertEquals(3, data.size(), data.toString());
      JsonNode error = parse(data.get(2));
      assertTrue(error.get("error").asText().contains("Mock fault"));
      assertEquals("generation", error.get("error_type").asText());
      assertEquals(RawResponse.End.COMPLETE, response.endedBy);
    }
  }

  @Test
  void malformedFaultCutsAnEventsJson() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response =
          connection.post(TGI, body(3, 20), "x-mock-fault: malformed", "x-mock-fault-after-tokens: 1");
      String broken = response.data().get(1);
      assertTrue(broken.startsWith("{\"token\""), broken);
      try {
        Bodies.JSON.readTree(broken);
        throw new AssertionError("should not parse: " + broken);
      } catch (com.fasterxml.jackson.core.JsonProcessingException expected) {
        // the fault's point
      }
    }
  }
}
