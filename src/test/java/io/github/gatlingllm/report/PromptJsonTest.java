package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.api.GenerationRequest;
import io.github.gatlingllm.api.OpenAiChatDialect;
import io.github.gatlingllm.api.OpenAiCompletionsDialect;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void chatLogsTheMessagesAsSentCompletionsThePrompt() throws Exception {
    byte[] chat =
        OpenAiChatDialect.INSTANCE.body(
            new GenerationRequest("m", "Tell me, \"why\"?", null, 5, null, null, null));
    JsonNode messages = MAPPER.readTree(PromptJson.of(chat));
    assertEquals(1, messages.size());
    assertEquals("user", messages.get(0).get("role").asText());
    assertEquals("Tell me, \"why\"?", messages.get(0).get("content").asText());
    byte[] completion =
        OpenAiCompletionsDialect.INSTANCE.body(new GenerationRequest("m", "Once upon", null, 5, null, null, null));
    assertEquals("\"Once upon\"", PromptJson.of(completion));
    byte[] overridden =
        OpenAiCompletionsDialect.INSTANCE.body(
            new GenerationRequest("m", "ignored", null, null, null, null, Map.of("prompt", List.of(1, 2, 3))));
    assertEquals("[1,2,3]", PromptJson.of(overridden), "extra body fields win, as on the wire");
    assertNull(PromptJson.of("{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8)));
    byte[] tgi = io.github.gatlingllm.api.TgiGenerateDialect.INSTANCE.body(
        new GenerationRequest("m", "Hello TGI", null, 5, null, null, null));
    assertEquals("\"Hello TGI\"", PromptJson.of(tgi));
    assertEquals("\"Hi Ray\"", PromptJson.of("{\"text\":\"Hi Ray\",\"stream\":true}".getBytes(StandardCharsets.UTF_8)));
  }
}
