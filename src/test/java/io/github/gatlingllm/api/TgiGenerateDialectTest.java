package io.github.gatlingllm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TgiGenerateDialectTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TgiGenerateDialect TGI = TgiGenerateDialect.INSTANCE;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(GenerationRequest request) throws Exception {
    return JSON.readValue(TGI.body(request), Map.class);
  }

  private static StreamChunk read(String data) throws MalformedEventException {
    return read(data, new StreamChunk());
  }

  private static StreamChunk read(String data, StreamChunk chunk) throws MalformedEventException {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    TGI.interpret(bytes, bytes.length, chunk);
    return chunk;
  }

  @Test
  void nameAndPathAreTgis() {
    assertEquals("tgi", TGI.name());
    assertEquals("/generate_stream", TGI.defaultPath());
    assertEquals(TGI, Dialects.named("tgi"));
  }

  @Test
  void promptBecomesInputsWithMaxNewTokensAndDetails() throws Exception {
    Map<String, Object> body = body(new GenerationRequest("m", "hello", null, 64, true, 0.0, null));
    assertEquals(List.of("inputs", "parameters", "stream"), List.copyOf(body.keySet()), "no model, no ignore_eos");
    assertEquals("hello", body.get("inputs"));
    assertEquals(Map.of("max_new_tokens", 64, "details", true), body.get("parameters"), "temperature 0 = greedy");
    assertEquals(true, body.get("stream"));
  }

  @Test
  void positiveTemperatureSamples() throws Exception {
    Map<String, Object> body = body(new GenerationRequest("m", "p", null, null, null, 0.7, null));
    assertEquals(Map.of("do_sample", true, "temperature", 0.7, "details", true), body.get("parameters"));
  }

  @Test
  void extraParametersAreMergedAndStreamingAndDetailsStay() throws Exception {
    Map<String, Object> extra =
        Map.of("parameters", Map.of("top_k", 5, "details", false), "stream", false, "truncate", 100);
    Map<String, Object> body = body(new GenerationRequest("m", "p", null, 8, null, null, extra));
    assertEquals(Map.of("max_new_tokens", 8, "details", true, "top_k", 5), body.get("parameters"));
    assertEquals(100, body.get("truncate"));
    assertEquals(true, body.get("stream"));
  }

  @Test
  void chatMessagesAreJoinedOnePerLine() throws Exception {
    List<Map<String, Object>> messages =
        List.of(
            Map.of("role", "system", "content", "be brief"),
            Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", "hi"))));
    assertEquals("be brief\nhi", body(new GenerationRequest("m", null, messages, null, null, null, null)).get("inputs"));
  }

  @Test
  void missingInputsOrNonTextPartsAreClearErrors() {
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> TGI.body(new GenerationRequest("m", null, null, null, null, null, null)));
    assertTrue(none.getMessage().contains("prompt(...) or messages(...)"), none.getMessage());
    List<Map<String, Object>> image =
        List.of(Map.of("role", "user", "content", List.of(Map.of("type", "image_url", "image_url", "x"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> TGI.body(new GenerationRequest("m", null, image, null, null, null, null)));
  }

  @Test
  void tokenEventIsOneVisibleChunkWithoutCounts() throws Exception {
    StreamChunk chunk = new StreamChunk();
    StringBuilder text = new StringBuilder();
    chunk.captureTextInto(text);
    read(
        "{\"index\":1,\"token\":{\"id\":42,\"text\":\" Hello\",\"logprob\":-0.3,\"special\":false},"
            + "\"generated_text\":null,\"details\":null}",
        chunk);
    assertEquals(1, chunk.choices());
    assertTrue(chunk.visibleContent());
    assertFalse(chunk.done());
    assertEquals(-1, chunk.completionTokens());
    assertEquals(-1, chunk.promptTokens());
    assertNull(chunk.errorMessage());
    assertEquals(" Hello", text.toString());
  }

  @Test
  void specialTokenIsAChunkButNotVisibleNorCaptured() throws Exception {
    StreamChunk chunk = new StreamChunk();
    StringBuilder text = new StringBuilder("a");
    chunk.captureTextInto(text);
    read("{\"token\":{\"id\":2,\"text\":\"</s>\",\"logprob\":0,\"special\":true}}", chunk);
    assertEquals(1, chunk.choices());
    assertFalse(chunk.visibleContent());
    assertEquals("a", text.toString());
  }

  @Test
  void finalEventCarriesGeneratedAndInputTokens() throws Exception {
    StreamChunk chunk =
        read(
            "{\"index\":9,\"token\":{\"id\":5,\"text\":\"!\",\"logprob\":-1.0,\"special\":false},"
                + "\"generated_text\":\"Hi there!\",\"details\":{\"finish_reason\":\"length\","
                + "\"generated_tokens\":9,\"seed\":null,\"input_length\":12}}");
    assertEquals(1, chunk.choices());
    assertEquals(9, chunk.completionTokens());
    assertEquals(12, chunk.promptTokens());
  }

  @Test
  void prefillLengthIsThePromptCountWhenNoInputLength() throws Exception {
    StreamChunk chunk =
        read(
            "{\"token\":{\"id\":5,\"text\":\"x\",\"special\":false},\"details\":{\"generated_tokens\":3,"
                + "\"prefill\":[{\"id\":1,\"text\":\"a\"},{\"id\":2,\"text\":\"b\",\"logprob\":-1}]}}");
    assertEquals(3, chunk.completionTokens());
    assertEquals(2, chunk.promptTokens());
    StreamChunk empty = read("{\"token\":{\"id\":5,\"text\":\"x\"},\"details\":{\"generated_tokens\":3,\"prefill\":[]}}");
    assertEquals(-1, empty.promptTokens(), "an empty prefill means not requested");
  }

  @Test
  void errorEventIsAnErrorMessage() throws Exception {
    StreamChunk chunk = read("{\"error\":\"Request failed during generation: OOM\",\"error_type\":\"generation\"}");
    assertEquals("Request failed during generation: OOM", chunk.errorMessage());
    assertEquals(0, chunk.choices());
  }

  @Test
  void brokenJsonIsMalformed() {
    MalformedEventException e = assertThrows(MalformedEventException.class, () -> read("{\"token\":{\"id\":"));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    assertThrows(MalformedEventException.class, () -> read("[DONE]"));
  }
}
