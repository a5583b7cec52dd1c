package io.github.gatlingllm.mock;

import static io.github.gatlingllm.mock.Bodies.CHAT;
import static io.github.gatlingllm.mock.Bodies.COMPLETIONS;
import static io.github.gatlingllm.mock.Bodies.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gatlingllm.mock.RawHttpConnection.RawResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code reasoningTokens} knob: a reasoning model's chat stream. */
class MockReasoningTest {
  private static MockLlmServer server;

  @BeforeAll
  static void start() {
    server = MockLlmServer.start(MockConfig.builder().ttftMs(1).itlMs(1).seed(42).reasoningTokens(3).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<String> chat(int maxTokens) throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response =
          connection.post(CHAT, Bodies.includeUsage(Bodies.ignoreEos(Bodies.chat(7, maxTokens, true))).toString());
      assertEquals(200, response.status);
      return response.data();
    }
  }

  @Test
  void firstKTokensAreReasoningContentThenTheAnswer() throws Exception {
    List<String> data = chat(5);
    assertEquals(1 + 5 + 1 + 1, data.size(), data.toString());
    assertEquals("assistant", parse(data.get(0)).at("/choices/0/delta/role").asText());
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 5; i++) {
      JsonNode delta = parse(data.get(i)).at("/choices/0/delta");
      if (i <= 3) {
        assertTrue(delta.has("reasoning_content"), data.get(i));
        assertFalse(delta.has("content"), data.get(i));
        text.append(delta.get("reasoning_content").asText());
      } else {
        assertTrue(delta.has("content"), data.get(i));
        assertFalse(delta.has("reasoning_content"), data.get(i));
        text.append(delta.get("content").asText());
      }
    }
    assertEquals(TokenVocabulary.text(5), text.toString(), "the same tokens, the first 3 as reasoning");
    assertEquals("length", parse(data.get(5)).at("/choices/0/finish_reason").asText());
    JsonNode usage = parse(data.get(6)).get("usage");
    assertEquals(5, usage.get("completion_tokens").asInt());
    assertEquals(12, usage.get("total_tokens").asInt());
    assertEquals(3, usage.at("/completion_tokens_details/reasoning_tokens").asInt());
    assertEquals("[DONE]", data.get(7));
  }

  @Test
  void aStreamShorterThanKIsAllReasoning() throws Exception {
    List<String> data = chat(2);
    assertEquals(1 + 2 + 1 + 1, data.size(), data.toString());
    assertTrue(parse(data.get(2)).at("/choices/0/delta").has("reasoning_content"));
    assertEquals("length", parse(data.get(2)).at("/choices/0/finish_reason").asText());
    assertEquals(2, parse(data.get(3)).at("/usage/completion_tokens_details/reasoning_tokens").asInt());
  }

  @Test
  void completionsAreUnchanged() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response =
          connection.post(
              COMPLETIONS, Bodies.includeUsage(Bodies.ignoreEos(Bodies.completion(3, 4, true))).toString());
      List<String> data = response.data();
      assertEquals(4 + 1 + 1, data.size(), data.toString());
      assertTrue(parse(data.get(0)).at("/choices/0").has("text"));
      assertTrue(parse(data.get(4)).at("/usage/completion_tokens_details").isMissingNode());
    }
  }

  @Test
  void knobParsesDefaultsToZeroAndRejectsNegatives() {
    assertEquals(0, MockConfig.defaults().answers().reasoningTokens());
    assertEquals(4, MockConfig.fromProperties(Map.of("mock.reasoningTokens", "4")).answers().reasoningTokens());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> MockConfig.fromProperties(Map.of("mock.reasoningTokens", "-1")));
    assertTrue(e.getMessage().contains("mock.reasoningTokens"), e.getMessage());
    assertTrue(MockConfigParser.describe(MockConfig.defaults()).contains("--reasoningTokens=0"));
  }
}
