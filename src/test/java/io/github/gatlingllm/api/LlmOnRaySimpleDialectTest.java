package io.github.gatlingllm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmOnRaySimpleDialectTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LlmOnRaySimpleDialect SIMPLE = LlmOnRaySimpleDialect.INSTANCE;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(GenerationRequest request) throws Exception {
    return JSON.readValue(SIMPLE.body(request), Map.class);
  }

  private static GenerationRequest model(String name) {
    return new GenerationRequest(name, "p", null, null, null, null, null);
  }

  @Test
  void isARawBodyDialectSelectableByNameAndAlias() {
    assertEquals("llm-on-ray-simple", SIMPLE.name());
    assertTrue(SIMPLE.rawBody());
    assertEquals(SIMPLE, Dialects.named("llm-on-ray-simple"));
    assertEquals(SIMPLE, Dialects.named("simple"));
    assertEquals("llm-on-ray-simple", Dialects.canonical("simple"));
    assertTrue(Dialects.accepted().containsAll(List.of("llm-on-ray-simple", "simple")));
  }

  @Test
  void theRouteIsTheModelName() {
    assertEquals("/llama-2-7b-chat-hf", SIMPLE.path(model("llama-2-7b-chat-hf")));
    assertEquals("/Qwen/Qwen3-0.6B", SIMPLE.path(model("Qwen/Qwen3-0.6B")), "slashes are route segments");
    assertEquals("/my%20model%C3%A9", SIMPLE.path(model("my modelé")));
  }

  @Test
  void aBlankModelHasNoRoute() {
    String message =
        assertThrows(IllegalArgumentException.class, () -> SIMPLE.path(model(" "))).getMessage();
    assertTrue(message.contains("model name") && message.contains("' '"), message);
  }

  @Test
  void promptGoesAsTextWithMaxNewTokensIgnoreEosAndTemperatureInConfig() throws Exception {
    Map<String, Object> body = body(new GenerationRequest("m", "hello", null, 64, true, 0.0, null));
    assertEquals(List.of("text", "config", "stream"), List.copyOf(body.keySet()), "no model field");
    assertEquals("hello", body.get("text"));
    assertEquals(Map.of("max_new_tokens", 64, "ignore_eos", true, "temperature", 0.0), body.get("config"));
    assertEquals(true, body.get("stream"));
  }

  @Test
  void unsetOptionsAndAFalseIgnoreEosAreNotSent() throws Exception {
    assertEquals(Map.of(), body(model("m")).get("config"));
    assertEquals(Map.of(), body(new GenerationRequest("m", "p", null, null, false, null, null)).get("config"));
  }

  @Test
  void extraConfigIsMergedAndStreamingStays() throws Exception {
    Map<String, Object> extra = Map.of("config", Map.of("top_p", 0.9, "max_new_tokens", 8), "stream", false, "x", 1);
    Map<String, Object> body = body(new GenerationRequest("m", "p", null, 64, null, null, extra));
    assertEquals(Map.of("max_new_tokens", 8, "top_p", 0.9), body.get("config"));
    assertEquals(true, body.get("stream"));
    assertEquals(1, body.get("x"));
  }

  @Test
  void chatMessagesAreJoinedOnePerLine() throws Exception {
    List<Map<String, Object>> messages =
        List.of(
            Map.of("role", "system", "content", "Be brief."),
            Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", "Hi"))));
    Map<String, Object> body = body(new GenerationRequest("m", null, messages, null, null, null, null));
    assertEquals("Be brief.\nHi", body.get("text"));
  }

  @Test
  void noPromptIsAClearError() {
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> SIMPLE.body(new GenerationRequest("m", null, null, null, null, null, null)))
            .getMessage();
    assertTrue(message.contains("LLM-on-Ray") && message.contains("prompt(...)"), message);
  }

  @Test
  void everySliceIsOneVisibleChunkAndItsTextIsCapturedWhenAsked() {
    StreamChunk chunk = new StreamChunk();
    StringBuilder text = new StringBuilder();
    chunk.captureTextInto(text);
    byte[] word = " 世界".getBytes(StandardCharsets.UTF_8);
    SIMPLE.interpret(word, word.length, chunk);
    assertEquals(1, chunk.choices());
    assertTrue(chunk.visibleContent());
    assertEquals(-1, chunk.completionTokens(), "no counts in a raw body");
    SIMPLE.interpret(word, 0, chunk); // only part of a code point arrived: a chunk, no text yet
    assertEquals(1, chunk.choices());
    assertEquals(" 世界", text.toString());
  }
}
