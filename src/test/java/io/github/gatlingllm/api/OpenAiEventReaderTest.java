package io.github.gatlingllm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenAiEventReaderTest {
  private final StreamChunk chunk = new StreamChunk();

  private StreamChunk read(String data) throws MalformedEventException {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    // a larger array than the payload, as the SSE decoder hands over: only `length` bytes count
    byte[] buffer = new byte[bytes.length + 16];
    System.arraycopy(bytes, 0, buffer, 0, bytes.length);
    buffer[bytes.length] = '}';
    OpenAiChatDialect.INSTANCE.interpret(buffer, bytes.length, chunk);
    return chunk;
  }

  @Test
  void vllmChatRoleChunkHasChoicesButNoVisibleContent() throws Exception {
    read("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
        + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
    assertEquals(1, chunk.choices());
    assertFalse(chunk.visibleContent());
    assertEquals(-1, chunk.completionTokens());
    assertFalse(chunk.done());
  }

  @Test
  void llamaCppRoleChunkWithNullContent() throws Exception {
    read("{\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}]}");
    assertEquals(1, chunk.choices());
    assertFalse(chunk.visibleContent());
  }

  @Test
  void tokenChunkIsVisibleAndCapturedWhenAsked() throws Exception {
    StringBuilder text = new StringBuilder();
    chunk.captureTextInto(text);
    read("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" Hello \\u00e9\"}}]}");
    read("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\"},\"finish_reason\":\"length\"}]}");
    assertTrue(chunk.visibleContent());
    assertEquals(" Hello é!", text.toString());
  }

  @Test
  void reasoningIsNotVisibleContent() throws Exception {
    read("{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"think\"}}]}");
    assertEquals(1, chunk.choices());
    assertFalse(chunk.visibleContent());
  }

  @Test
  void reasoningOnlyEventIsAChunkFlaggedAsReasoning() throws Exception {
    // vLLM / DeepSeek: reasoning_content; OpenRouter / llama.cpp: reasoning. Either way a chunk (choices non-empty),
    // so it counts for TTFT and ITL, flagged as reasoning and not visible.
    read("{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Let me\",\"content\":null}}]}");
    assertEquals(1, chunk.choices());
    assertTrue(chunk.reasoningContent());
    assertTrue(chunk.reasoningOnly());
    assertFalse(chunk.visibleContent());
    read("{\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\" think\"}}]}");
    assertEquals(1, chunk.choices());
    assertTrue(chunk.reasoningOnly());
  }

  @Test
  void answerEventIsNotReasoningAndEmptyReasoningIsNotReasoning() throws Exception {
    read("{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":null,\"content\":\"42\"}}]}");
    assertTrue(chunk.visibleContent());
    assertFalse(chunk.reasoningContent());
    assertFalse(chunk.reasoningOnly());
    read("{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"\"}}]}");
    assertEquals(1, chunk.choices(), "still a chunk for TTFT");
    assertFalse(chunk.reasoningContent());
    read("{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"so\",\"content\":\"A\"}}]}");
    assertTrue(chunk.reasoningContent());
    assertFalse(chunk.reasoningOnly(), "an event with visible content is an answer chunk");
  }

  @Test
  void cachedTokensFromTheFinalUsageChunk() throws Exception {
    // vLLM --enable-prompt-tokens-details / OpenAI: a usage chunk of its own, details beside completion details
    read("{\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":512,\"completion_tokens\":8,"
        + "\"total_tokens\":520,\"prompt_tokens_details\":{\"audio_tokens\":null,\"cached_tokens\":496},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}");
    assertEquals(496, chunk.cachedTokens());
    assertEquals(512, chunk.promptTokens());
    read("{\"choices\":[],\"usage\":{\"prompt_tokens\":512,\"prompt_tokens_details\":{\"cached_tokens\":0}}}");
    assertEquals(0, chunk.cachedTokens(), "a reported miss is 0, not unknown");
  }

  @Test
  void cachedTokensUnknownWhenNotSent() throws Exception {
    read("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3}}");
    assertEquals(-1, chunk.cachedTokens());
    read("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"prompt_tokens_details\":null}}");
    assertEquals(-1, chunk.cachedTokens(), "SGLang without --enable-cache-report: null details");
    read("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"prompt_tokens_details\":{\"cached_tokens\":null}}}");
    assertEquals(-1, chunk.cachedTokens());
    read("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}");
    assertEquals(-1, chunk.cachedTokens(), "a content chunk says nothing about the cache");
  }

  @Test
  void cachedTokensInLlamaCppsLastChunkAndTimings() throws Exception {
    // llama.cpp: usage inside the last chunk with choices; timings.cache_n says the same, usage wins either order
    read("{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"delta\":{}}],\"timings\":{\"cache_n\":236,"
        + "\"prompt_n\":1,\"prompt_ms\":30.9},\"usage\":{\"completion_tokens\":35,\"prompt_tokens\":237,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":230}}}");
    assertEquals(230, chunk.cachedTokens());
    assertEquals(1, chunk.choices());
    read("{\"choices\":[],\"usage\":{\"prompt_tokens\":237,\"prompt_tokens_details\":{\"cached_tokens\":230}},"
        + "\"timings\":{\"cache_n\":236}}");
    assertEquals(230, chunk.cachedTokens());
    // older llama.cpp: timings alone
    read("{\"choices\":[{\"index\":0,\"delta\":{}}],\"usage\":{\"prompt_tokens\":237,\"completion_tokens\":3},"
        + "\"timings\":{\"prompt_n\":1,\"cache_n\":236,\"predicted_per_second\":52.9}}");
    assertEquals(236, chunk.cachedTokens());
    read("{\"choices\":[],\"timings\":null}");
    assertEquals(-1, chunk.cachedTokens());
  }

  @Test
  void cachedTokensFromANonStreamedAnswer() throws Exception {
    // The whole answer as one document: message instead of delta, the same usage.
    read("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
        + "{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"stop\"}],\"usage\":"
        + "{\"prompt_tokens\":2006,\"completion_tokens\":300,\"total_tokens\":2306,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":1920},\"completion_tokens_details\":{\"reasoning_tokens\":0}}}");
    assertEquals(1920, chunk.cachedTokens());
    assertEquals(2006, chunk.promptTokens());
    read("{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\"Hi\"}],"
        + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1,\"prompt_tokens_details\":{\"cached_tokens\":0}}}");
    assertEquals(0, chunk.cachedTokens());
  }

  @Test
  void aNegativeCachedCountIsMalformedAsAnyUsageCount() {
    assertThrows(MalformedEventException.class,
        () -> read("{\"choices\":[],\"usage\":{\"prompt_tokens_details\":{\"cached_tokens\":-1}}}"));
  }

  @Test
  void reasoningTokensFromUsageDetails() throws Exception {
    read("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":30,\"total_tokens\":35,"
        + "\"completion_tokens_details\":{\"accepted_prediction_tokens\":0,\"reasoning_tokens\":18},"
        + "\"prompt_tokens_details\":{\"cached_tokens\":0}}}");
    assertEquals(30, chunk.completionTokens());
    assertEquals(5, chunk.promptTokens());
    assertEquals(18, chunk.reasoningTokens());
    read("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":30,"
        + "\"completion_tokens_details\":null}}");
    assertEquals(-1, chunk.reasoningTokens(), "reset per event; null details are unknown");
    assertEquals(30, chunk.completionTokens());
  }

  @Test
  void vllmUsageChunkHasEmptyChoices() throws Exception {
    read("{\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"total_tokens\":76,"
        + "\"completion_tokens\":64,\"prompt_tokens_details\":null}}");
    assertEquals(0, chunk.choices());
    assertEquals(12, chunk.promptTokens());
    assertEquals(64, chunk.completionTokens());
  }

  @Test
  void llamaCppCompletionsUsageInsideLastChunkWithChoices() throws Exception {
    read("{\"choices\":[{\"text\":\"\",\"index\":0,\"logprobs\":null,\"finish_reason\":\"length\"}],"
        + "\"usage\":{\"completion_tokens\":16,\"prompt_tokens\":5,\"total_tokens\":21},"
        + "\"timings\":{\"prompt_n\":5,\"predicted_per_second\":80.5}}");
    assertEquals(1, chunk.choices());
    assertFalse(chunk.visibleContent());
    assertEquals(16, chunk.completionTokens());
    assertEquals(5, chunk.promptTokens());
  }

  @Test
  void completionsTextChunk() throws Exception {
    byte[] data = "{\"choices\":[{\"index\":0,\"text\":\" the\",\"logprobs\":null}]}".getBytes(StandardCharsets.UTF_8);
    OpenAiCompletionsDialect.INSTANCE.interpret(data, data.length, chunk);
    assertEquals(1, chunk.choices());
    assertTrue(chunk.visibleContent());
  }

  @Test
  void doneMarker() throws Exception {
    read("[DONE]");
    assertTrue(chunk.done());
    read(" [DONE] ");
    assertTrue(chunk.done());
  }

  @Test
  void errorEventCarriesItsMessage() throws Exception {
    read("{\"error\":{\"message\":\"out of memory\",\"type\":\"InternalServerError\",\"code\":500}}");
    assertEquals("out of memory", chunk.errorMessage());
    assertEquals(0, chunk.choices());
    read("{\"error\":\"plain text\"}");
    assertEquals("plain text", chunk.errorMessage());
  }

  @Test
  void resetBetweenEvents() throws Exception {
    read("{\"error\":\"x\",\"usage\":{\"completion_tokens\":3}}");
    read("{\"choices\":[]}");
    assertNull(chunk.errorMessage());
    assertEquals(-1, chunk.completionTokens());
  }

  @Test
  void malformedEventsAreRejectedWithThePayloadInTheMessage() {
    MalformedEventException e = assertThrows(MalformedEventException.class, () -> read("{\"choices\": ["));
    assertTrue(e.getMessage().contains("{\"choices\": ["), e.getMessage());
    assertThrows(MalformedEventException.class, () -> read("not json"));
    assertThrows(MalformedEventException.class, () -> read("[1,2]"));
    assertThrows(MalformedEventException.class, () -> read("{\"a\":1} trailing"));
    assertThrows(MalformedEventException.class, () -> read(""));
  }
}
