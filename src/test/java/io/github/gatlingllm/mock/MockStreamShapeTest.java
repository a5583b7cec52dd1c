package io.github.gatlingllm.mock;

import static io.github.gatlingllm.mock.Bodies.CHAT;
import static io.github.gatlingllm.mock.Bodies.COMPLETIONS;
import static io.github.gatlingllm.mock.Bodies.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gatlingllm.mock.RawHttpConnection.RawResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MockStreamShapeTest {
  private static MockLlmServer server;

  @BeforeAll
  static void start() {
    server = MockLlmServer.start(MockConfig.builder().ttftMs(1).itlMs(1).seed(42).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void chatStreamHasRoleChunkTokensFinishReasonUsageAndDone() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response =
          connection.post(CHAT, Bodies.includeUsage(Bodies.ignoreEos(Bodies.chat(7, 5, true))).toString());

      assertEquals(200, response.status);
      assertEquals("text/event-stream; charset=utf-8", response.headers.get("content-type"));
      assertEquals("chunked", response.headers.get("transfer-encoding"));
      assertEquals(RawResponse.End.COMPLETE, response.endedBy, "terminating zero-length chunk");
      List<String> data = response.data();
      assertEquals(1 + 5 + 1 + 1, data.size(), data.toString());
      assertEquals(data.size(), response.chunks, "one HTTP chunk per SSE event");

      JsonNode role = parse(data.get(0));
      String id = role.get("id").asText();
      assertTrue(id.startsWith("chatcmpl-"), id);
      assertEquals("assistant", role.at("/choices/0/delta/role").asText());
      assertEquals("", role.at("/choices/0/delta/content").asText());
      assertTrue(role.at("/choices/0/finish_reason").isNull());

      StringBuilder text = new StringBuilder();
      for (int i = 1; i <= 5; i++) {
        JsonNode chunk = parse(data.get(i));
        assertEquals(id, chunk.get("id").asText());
        assertEquals("chat.completion.chunk", chunk.get("object").asText());
        assertEquals("mock-llm", chunk.get("model").asText());
        assertTrue(chunk.get("created").asLong() > 1_600_000_000L);
        assertEquals(1, chunk.get("choices").size());
        assertFalse(chunk.at("/choices/0/delta").has("role"));
        text.append(chunk.at("/choices/0/delta/content").asText());
        JsonNode finish = chunk.at("/choices/0/finish_reason");
        if (i < 5) {
          assertTrue(finish.isNull(), data.get(i));
        } else {
          assertEquals("length", finish.asText());
        }
      }
      assertEquals(TokenVocabulary.text(5), text.toString());
      assertEquals(5, PromptTokenCounter.words(text), "every token is one word");

      JsonNode usage = parse(data.get(6));
      assertEquals(id, usage.get("id").asText());
      assertEquals(0, usage.get("choices").size());
      assertEquals(7, usage.at("/usage/prompt_tokens").asInt());
      assertEquals(5, usage.at("/usage/completion_tokens").asInt());
      assertEquals(12, usage.at("/usage/total_tokens").asInt());
      assertEquals("[DONE]", data.get(7));
      assertTrue(response.body().endsWith("data: [DONE]\n\n"));
    }
  }

  @Test
  void completionsStreamCarriesTextPerTokenAndNoUsageUnlessAsked() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response = connection.post(COMPLETIONS, Bodies.ignoreEos(Bodies.completion(3, 4, true)).toString());

      assertEquals(200, response.status);
      List<String> data = response.data();
      assertEquals(4 + 1, data.size(), data.toString());
      for (int i = 0; i < 4; i++) {
        JsonNode chunk = parse(data.get(i));
        assertTrue(chunk.get("id").asText().startsWith("cmpl-"));
        assertEquals("text_completion", chunk.get("object").asText());
        assertEquals(TokenVocabulary.text(i + 1).substring(TokenVocabulary.text(i).length()),
            chunk.at("/choices/0/text").asText());
        assertEquals(i == 3 ? "length" : null, chunk.at("/choices/0/finish_reason").textValue());
        assertFalse(chunk.has("usage"));
      }
      assertEquals("[DONE]", data.get(4));
    }
  }

  @Test
  void ignoreEosGivesExactlyMaxTokensAndConnectionIsReused() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      for (int maxTokens : new int[] {1, 2, 37, 200}) {
        RawResponse response =
            connection.post(CHAT, Bodies.includeUsage(Bodies.ignoreEos(Bodies.chat(2, maxTokens, true))).toString());
        assertEquals(RawResponse.End.COMPLETE, response.endedBy);
        // role + tokens + usage + [DONE]
        assertEquals(maxTokens + 3, response.events.size());
        assertEquals(maxTokens, parse(response.data().get(maxTokens + 1)).at("/usage/completion_tokens").asInt());
      }
    }
  }

  @Test
  void withoutIgnoreEosLengthIsASeededDrawUpToMaxTokens() throws Exception {
    List<Integer> first = lengthsOfTenRequests(server);
    boolean sawStop = false;
    for (int length : first) {
      assertTrue(length >= 1 && length <= 50, "length " + length);
      sawStop |= length < 50;
    }
    assertTrue(sawStop, "ten draws in [1, 50] are not all 50: " + first);

    try (MockLlmServer a = MockLlmServer.start(MockConfig.builder().ttftMs(0).itlMs(0).seed(7).build());
        MockLlmServer b = MockLlmServer.start(MockConfig.builder().ttftMs(0).itlMs(0).seed(7).build());
        MockLlmServer c = MockLlmServer.start(MockConfig.builder().ttftMs(0).itlMs(0).seed(8).build())) {
      List<Integer> fromA = lengthsOfTenRequests(a);
      assertEquals(fromA, lengthsOfTenRequests(b), "same seed, same request order: same lengths");
      assertFalse(fromA.equals(lengthsOfTenRequests(c)), "another seed draws other lengths");
    }
  }

  /** Output lengths of ten streams, each checked for the finish reason its length implies. */
  private static List<Integer> lengthsOfTenRequests(MockLlmServer target) throws Exception {
    List<Integer> lengths = new ArrayList<>();
    try (RawHttpConnection connection = new RawHttpConnection(target.port())) {
      for (int i = 0; i < 10; i++) {
        RawResponse response = connection.post(COMPLETIONS, Bodies.completion(2, 50, true).toString());
        List<String> data = response.data();
        int tokens = data.size() - 1;
        String finish = parse(data.get(tokens - 1)).at("/choices/0/finish_reason").asText();
        assertEquals(tokens == 50 ? "length" : "stop", finish);
        lengths.add(tokens);
      }
    }
    return lengths;
  }

  @Test
  void connectionCloseRequestIsHonouredAfterTheStream() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response =
          connection.post(CHAT, Bodies.ignoreEos(Bodies.chat(2, 3, true)).toString(), "Connection: close");
      assertEquals(RawResponse.End.COMPLETE, response.endedBy);
      assertEquals("[DONE]", response.data().get(response.events.size() - 1));
      assertTrue(connection.serverClosed());
    }
  }
}
