package io.github.gatlingllm.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Request bodies and JSON reading for the tests. */
final class Bodies {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CHAT = "/v1/chat/completions";
  static final String COMPLETIONS = "/v1/completions";

  private Bodies() {}

  /** A chat request whose single user message has {@code words} words. */
  static ObjectNode chat(int words, Integer maxTokens, boolean stream) {
    ObjectNode body = base(maxTokens, stream);
    body.putArray("messages").addObject().put("role", "user").put("content", words(words));
    return body;
  }

  static ObjectNode completion(int words, Integer maxTokens, boolean stream) {
    ObjectNode body = base(maxTokens, stream);
    body.put("prompt", words(words));
    return body;
  }

  static ObjectNode includeUsage(ObjectNode body) {
    body.putObject("stream_options").put("include_usage", true);
    return body;
  }

  static ObjectNode ignoreEos(ObjectNode body) {
    return body.put("ignore_eos", true);
  }

  static String words(int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : (i % 3 == 0 ? "\n " : " ")).append("w").append(i);
    }
    return text.toString();
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  private static ObjectNode base(Integer maxTokens, boolean stream) {
    ObjectNode body = JSON.createObjectNode().put("model", "mock-llm").put("stream", stream);
    if (maxTokens != null) {
      body.put("max_tokens", maxTokens);
    }
    return body;
  }
}
