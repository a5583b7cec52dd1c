package io.github.gatlingllm.mock;

import static io.github.gatlingllm.mock.Bodies.CHAT;
import static io.github.gatlingllm.mock.Bodies.COMPLETIONS;
import static io.github.gatlingllm.mock.Bodies.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gatlingllm.mock.RawHttpConnection.RawResponse;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mock's prefix cache over real sockets: what {@code usage.prompt_tokens_details.cached_tokens} and {@code
 * vllm:prefix_cache_hits} report, and that a miss pays its whole prefill. Timing is only bounded from below.
 */
class MockPrefixCacheTest {
  private static final String TGI = "/generate_stream";

  @Test
  void theSamePromptTwiceIsCachedUpToItsLastFullBlock() throws Exception {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.defaults());
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      String body = Bodies.completion(40, 3, false).toString();
      assertEquals(0, cachedTokens(connection.post(COMPLETIONS, body)));
      assertEquals(32, cachedTokens(connection.post(COMPLETIONS, body)), "floor(40 / 16) x 16");
      assertEquals(32.0, MetricsPage.value(server, "vllm:prefix_cache_hits_total"));
      assertEquals(80.0, MetricsPage.value(server, "vllm:prefix_cache_queries_total"));
    }
  }

  @Test
  void promptsSharingTheirFirst40WordsShareTwoBlocks() throws Exception {
    String shared = Bodies.words(40);
    try (MockLlmServer server = MockLlmServer.start(MockConfig.defaults());
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      assertEquals(0, cachedTokens(connection.post(COMPLETIONS, prompt(shared + " a0 a1 a2 a3 a4 a5 a6 a7 a8 a9"))));
      assertEquals(32, cachedTokens(connection.post(COMPLETIONS, prompt(shared + " b0 b1 b2 b3 b4 b5 b6 b7 b8 b9"))),
          "block 2 (words 32 to 47) differs in its last 8 words");
    }
  }

  @Test
  void streamedAndNonStreamedUsageCarryTheCachedTokens() throws Exception {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.defaults());
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      String completion = Bodies.includeUsage(Bodies.ignoreEos(Bodies.completion(40, 3, true))).toString();
      connection.post(COMPLETIONS, completion);
      List<String> data = connection.post(COMPLETIONS, completion).data();
      assertTrue(data.get(3).endsWith("\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":3,"
          + "\"total_tokens\":43,\"prompt_tokens_details\":{\"cached_tokens\":32}}}"), data.get(3));

      String chat = Bodies.includeUsage(Bodies.ignoreEos(Bodies.chat(50, 2, true))).toString();
      List<String> first = connection.post(CHAT, chat).data();
      assertTrue(first.get(3).endsWith("\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":2,\"total_tokens\":52,"
          + "\"prompt_tokens_details\":{\"cached_tokens\":32}}}"),
          "the chat's words start as the completion's prompt: one cache for both APIs " + first);
      RawResponse json = connection.post(CHAT, Bodies.ignoreEos(Bodies.chat(50, 2, false)).toString());
      assertTrue(json.body().endsWith("\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":2,\"total_tokens\":52,"
          + "\"prompt_tokens_details\":{\"cached_tokens\":48}}}"), json.body());
    }
  }

  @Test
  void aFirstSightReportsZero() throws Exception {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.defaults());
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      String chat = Bodies.includeUsage(Bodies.ignoreEos(Bodies.chat(50, 2, true))).toString();
      assertTrue(connection.post(CHAT, chat).data().get(3).endsWith("\"usage\":{\"prompt_tokens\":50,"
          + "\"completion_tokens\":2,\"total_tokens\":52,\"prompt_tokens_details\":{\"cached_tokens\":0}}}"),
          "0 is reported too, as OpenAI does");
    }
  }

  @Test
  void aChatCachesTheWordsOfItsMessagesInOrder() throws Exception {
    ObjectNode twoMessages = Bodies.chat(20, 2, false);
    twoMessages.withArray("messages").addObject().put("role", "user").put("content", "more words after the first");
    try (MockLlmServer server = MockLlmServer.start(MockConfig.defaults());
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      assertEquals(0, cachedTokens(connection.post(CHAT, twoMessages.toString())));
      // 24 words: one full block, whose 16 words come from the first message only.
      assertEquals(16, cachedTokens(connection.post(CHAT, twoMessages.toString())));
      assertEquals(16, cachedTokens(connection.post(CHAT, Bodies.chat(17, 2, false).toString())),
          "another conversation with the same first message");
    }
  }

  @Test
  void aCachedPromptSkipsThePrefillOfItsCachedTokens() throws Exception {
    MockConfig config = MockConfig.builder().ttftMs(20).ttftPerPromptTokenMs(1).itlMs(1).build();
    String body = Bodies.includeUsage(Bodies.ignoreEos(Bodies.completion(320, 1, true))).toString();
    try (MockLlmServer server = MockLlmServer.start(config);
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse first = connection.post(COMPLETIONS, body);
      RawResponse second = connection.post(COMPLETIONS, body);
      // Lower bounds only: the miss pays 20 + 320 ms; the hit's speed shows in what it reports, not in a clock.
      assertTrue(first.millisToEvent(0) >= 340, "TTFT of a 320-word miss " + first.millisToEvent(0));
      assertTrue(second.millisToEvent(0) >= 20, "TTFT of a hit " + second.millisToEvent(0));
      assertEquals(0, parse(first.data().get(1)).at("/usage/prompt_tokens_details/cached_tokens").asInt());
      assertEquals(320, parse(second.data().get(1)).at("/usage/prompt_tokens_details/cached_tokens").asInt());
      assertEquals(320.0, MetricsPage.value(server, "vllm:prefix_cache_hits_total"));
    }
  }

  @Test
  void tgiPromptsUseTheCacheButTheirAnswersDoNotReportIt() throws Exception {
    String tgi = Bodies.JSON.createObjectNode().put("inputs", Bodies.words(40))
        .set("parameters", Bodies.JSON.createObjectNode().put("max_new_tokens", 2)).toString();
    try (MockLlmServer server = MockLlmServer.start(MockConfig.defaults());
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      connection.post(TGI, tgi);
      RawResponse second = connection.post(TGI, tgi);
      assertEquals(200, second.status);
      assertFalse(second.body().contains("cached"), second.body());
      assertEquals(32.0, MetricsPage.value(server, "vllm:prefix_cache_hits_total"), "the cache is the server's");
      assertEquals(32, cachedTokens(connection.post(COMPLETIONS, Bodies.completion(40, 2, false).toString())),
          "whatever the API that filled it");
    }
  }

  @Test
  void withTheCacheOffUsageHasNoDetailsAndNothingHits() throws Exception {
    MockConfig off = MockConfig.builder().prefixCacheBlocks(0).build();
    try (MockLlmServer server = MockLlmServer.start(off);
        RawHttpConnection connection = new RawHttpConnection(server.port())) {
      String body = Bodies.includeUsage(Bodies.ignoreEos(Bodies.completion(40, 3, true))).toString();
      connection.post(COMPLETIONS, body);
      List<String> data = connection.post(COMPLETIONS, body).data();
      assertTrue(data.get(3).endsWith("\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":3,"
          + "\"total_tokens\":43}}"), data.get(3));
      RawResponse json = connection.post(COMPLETIONS, Bodies.ignoreEos(Bodies.completion(40, 3, false)).toString());
      assertTrue(json.body().endsWith("\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":3,\"total_tokens\":43}}"),
          json.body());
      assertEquals(0.0, MetricsPage.value(server, "vllm:prefix_cache_hits_total"));
      assertEquals(120.0, MetricsPage.value(server, "vllm:prefix_cache_queries_total"));
    }
  }

  private static String prompt(String text) {
    return Bodies.JSON.createObjectNode().put("model", "mock-llm").put("prompt", text).put("max_tokens", 2).toString();
  }

  private static int cachedTokens(RawResponse response) throws IOException {
    assertEquals(200, response.status, response.body());
    return parse(response.body()).at("/usage/prompt_tokens_details/cached_tokens").asInt(-1);
  }
}
