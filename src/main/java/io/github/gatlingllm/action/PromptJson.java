package io.github.gatlingllm.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The prompt of a request body as sent, for {@code llm-requests.jsonl}: its {@code messages} (chat) or {@code prompt}
 * (completions) value as JSON. Read from the body itself, so that what is logged is what the server received, extra
 * body fields included. Only used when requests are logged.
 */
final class PromptJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PromptJson() {}

  /** The {@code messages} or {@code prompt} value as compact JSON, or null when the body has neither. */
  static String of(byte[] body) {
    try {
      JsonNode root = MAPPER.readTree(body);
      JsonNode prompt = root.has("messages") ? root.get("messages") : root.get("prompt");
      return prompt == null ? null : MAPPER.writeValueAsString(prompt);
    } catch (IOException e) {
      return null; // our own body is always JSON; never fail a request for a log line
    }
  }
}
