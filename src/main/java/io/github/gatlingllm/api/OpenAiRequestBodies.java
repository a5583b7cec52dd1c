package io.github.gatlingllm.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes OpenAI request bodies: the fields both endpoints share, then the endpoint's own, then the user's extras. */
final class OpenAiRequestBodies {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Asks the server for a final usage event: the exact output token count (docs/metrics.md). */
  private static final Map<String, Object> INCLUDE_USAGE = Map.of("include_usage", true);

  private OpenAiRequestBodies() {}

  static Map<String, Object> common(GenerationRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", request.model());
    return body;
  }

  static byte[] finish(Map<String, Object> body, GenerationRequest request) {
    if (request.maxTokens() != null) {
      body.put("max_tokens", request.maxTokens());
    }
    if (request.temperature() != null) {
      body.put("temperature", request.temperature());
    }
    if (request.ignoreEos() != null) {
      body.put("ignore_eos", request.ignoreEos());
    }
    body.put("stream", true);
    body.put("stream_options", INCLUDE_USAGE);
    if (request.extraBody() != null) {
      body.putAll(request.extraBody());
    }
    // Streaming is what this plugin measures: extra fields may add to it, never turn it off.
    body.put("stream", true);
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write the request body as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
