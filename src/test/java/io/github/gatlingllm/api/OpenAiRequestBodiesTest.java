package io.github.gatlingllm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiRequestBodiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(byte[] body) throws Exception {
    return JSON.readValue(body, Map.class);
  }

  @Test
  void completionBodyAlwaysStreamsWithUsage() throws Exception {
    Map<String, Object> body =
        parse(
            OpenAiCompletionsDialect.INSTANCE.body(
                new GenerationRequest("m", "hello", null, 128, true, 0.0, Map.of("top_p", 0.9, "stream", false))));
    assertEquals("m", body.get("model"));
    assertEquals("hello", body.get("prompt"));
    assertEquals(128, body.get("max_tokens"));
    assertEquals(true, body.get("ignore_eos"));
    assertEquals(0.0, body.get("temperature"));
    assertEquals(0.9, body.get("top_p"));
    assertEquals(true, body.get("stream"), "extra fields cannot turn streaming off");
    assertEquals(Map.of("include_usage", true), body.get("stream_options"));
  }

  @Test
  void optionalFieldsAreOmittedWhenUnset() throws Exception {
    Map<String, Object> body =
        parse(OpenAiCompletionsDialect.INSTANCE.body(new GenerationRequest("m", "p", null, null, null, null, null)));
    assertEquals(List.of("model", "prompt", "stream", "stream_options"), List.copyOf(body.keySet()));
  }

  @Test
  void chatPromptBecomesOneUserMessage() throws Exception {
    Map<String, Object> body =
        parse(OpenAiChatDialect.INSTANCE.body(new GenerationRequest("m", "hi", null, 8, null, null, null)));
    assertEquals(List.of(Map.of("role", "user", "content", "hi")), body.get("messages"));
  }

  @Test
  void chatMessagesAreSentAsGiven() throws Exception {
    List<Map<String, Object>> messages =
        List.of(Map.of("role", "system", "content", "be brief"), Map.of("role", "user", "content", "hi"));
    Map<String, Object> body =
        parse(OpenAiChatDialect.INSTANCE.body(new GenerationRequest("m", null, messages, null, null, null, null)));
    assertEquals(messages, body.get("messages"));
  }

  @Test
  void missingPromptIsAClearError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OpenAiCompletionsDialect.INSTANCE.body(new GenerationRequest("m", null, null, 1, null, null, null)));
    assertEquals("A completion request needs prompt(...); it was not set", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> OpenAiChatDialect.INSTANCE.body(new GenerationRequest("m", null, null, 1, null, null, null)));
  }
}
