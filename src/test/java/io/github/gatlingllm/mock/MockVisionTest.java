package io.github.gatlingllm.mock;

import static io.github.gatlingllm.mock.Bodies.CHAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gatlingllm.dataset.NoiseImages;
import io.github.gatlingllm.mock.RawHttpConnection.RawResponse;
import org.junit.jupiter.api.Test;

/** Chat requests with {@code image_url} parts: prefill time and prompt tokens per image, 400 for a malformed part. */
class MockVisionTest {
  private static final String IMAGE = "data:image/png;base64,iVBORw0KGgo=";

  /** One user message: {@code words} words of text, then {@code images} image parts with {@code url}. */
  private static ObjectNode vision(int words, int images, String url, boolean stream) {
    ObjectNode body = Bodies.JSON.createObjectNode().put("model", "mock-llm").put("stream", stream).put("max_tokens", 2);
    ArrayNode content = body.putArray("messages").addObject().put("role", "user").putArray("content");
    content.addObject().put("type", "text").put("text", Bodies.words(words));
    for (int i = 0; i < images; i++) {
      content.addObject().put("type", "image_url").putObject("image_url").put("url", url);
    }
    return body;
  }

  @Test
  void eachImageAddsItsPrefillTimeToTheTtft() throws Exception {
    MockConfig config = MockConfig.builder().ttftMs(20).ttftPerImageMs(60).itlMs(1).build();
    try (MockLlmServer server = MockLlmServer.start(config);
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      connection.post(CHAT, vision(1, 1, IMAGE, true).toString()); // warm-up (JIT, connection)
      double none = connection.post(CHAT, vision(5, 0, IMAGE, true).toString()).millisToEvent(0);
      double one = connection.post(CHAT, vision(5, 1, IMAGE, true).toString()).millisToEvent(0);
      double three = connection.post(CHAT, vision(5, 3, IMAGE, true).toString()).millisToEvent(0);
      assertTrue(none >= 20 && none <= 70, "TTFT without images " + none);
      assertTrue(one >= 80 && one <= 130, "TTFT with one image " + one);
      assertTrue(three >= 200 && three <= 260, "TTFT with three images " + three);
    }
  }

  @Test
  void imagesCostTheirQwen2VlTokensInUsageAndAHeaderlessOneCostsNone() throws Exception {
    String png = NoiseImages.dataUrl(512, 512, NoiseImages.Format.PNG, 1);
    String jpeg = NoiseImages.dataUrl(640, 480, NoiseImages.Format.JPEG, 2);
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(1).itlMs(1).build());
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      // 512 x 512 is 326 tokens; 640 x 480 is resized to 644 x 476 = 23 x 17 + 2 = 393
      assertEquals(7 + 2 * 326, promptTokens(connection, vision(7, 2, png, false)));
      assertEquals(7 + 393, promptTokens(connection, vision(7, 1, jpeg, false)));
      // a URL whose header is cut short (the PNG signature only) is counted as an image of unknown size
      assertEquals(7, promptTokens(connection, vision(7, 2, IMAGE, false)));
      assertEquals(7, promptTokens(connection, vision(7, 1, "https://example.invalid/cat.png", false)));
    }
  }

  private static int promptTokens(RawHttpConnection connection, ObjectNode body) throws Exception {
    RawResponse response = connection.post(CHAT, body.toString());
    assertEquals(200, response.status, response.body());
    return Bodies.parse(response.body()).at("/usage/prompt_tokens").asInt();
  }

  @Test
  void malformedImagePartsAre400NamingThePart() throws Exception {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(1).itlMs(1).build());
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      assertBad(connection, vision(1, 1, "not-a-url", true), "messages[0].content[1].image_url.url", "not-a-url");
      assertBad(connection, vision(1, 1, "data:image/png;base64,abc", true), "image_url.url", "multiple of 4");
      assertBad(connection, vision(1, 1, "data:image/png;base64,ab$d", true), "image_url.url", "'$'");
      assertBad(connection, vision(1, 1, "data:image/png,AAAA", true), "image_url.url", "data URL");
      ObjectNode noObject = vision(1, 0, IMAGE, true);
      ((ArrayNode) noObject.at("/messages/0/content")).addObject().put("type", "image_url").put("image_url", IMAGE);
      assertBad(connection, noObject, "messages[0].content[1].image_url", "must be an object");
      // an http(s) URL is counted, never fetched
      assertEquals(200, connection.post(CHAT, vision(1, 1, "https://example.invalid/cat.png", false).toString()).status);
    }
  }

  private static void assertBad(RawHttpConnection connection, ObjectNode body, String field, String part)
      throws Exception {
    RawResponse response = connection.post(CHAT, body.toString());
    assertEquals(400, response.status, response.body());
    JsonNode error = Bodies.parse(response.body()).get("error");
    String message = error.get("message").asText();
    assertTrue(message.contains(field) && message.contains(part), message);
    assertTrue(error.get("param").asText().endsWith("image_url") || error.get("param").asText().endsWith("url"),
        error.toString());
  }
}
