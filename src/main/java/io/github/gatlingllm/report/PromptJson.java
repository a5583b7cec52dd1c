package io.github.gatlingllm.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The prompt of a request body as sent, for {@code llm-requests.jsonl}: its {@code messages} (chat), {@code prompt}
 * (completions), {@code inputs} (TGI) or {@code text} (LLM-on-Ray's simple mode) value as JSON. Read from the body
 * itself, so that what is logged is what the server received, extra body fields included. Runs on the log writer's
 * thread, never on an event loop: a vision body is about a megabyte of JSON.
 */
final class PromptJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PromptJson() {}

  /** The body fields that carry the prompt, in the order looked for. */
  private static final String[] PROMPT_FIELDS = {"messages", "prompt", "inputs", "text"};

  /** The prompt value as compact JSON, or null when the body has none of the prompt fields. */
  static String of(byte[] body) {
    try {
      JsonNode root = MAPPER.readTree(body);
      for (String field : PROMPT_FIELDS) {
        if (root.has(field)) {
          return MAPPER.writeValueAsString(root.get(field));
        }
      }
      return null;
    } catch (IOException e) {
      return null; // our own body is always JSON; never fail a request for a log line
    }
  }
}
