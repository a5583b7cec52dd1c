package io.github.gatlingllm.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * What the native APIs that take one prompt text and a nested options object (TGI's {@code parameters}, LLM-on-Ray's
 * {@code config}) have in common: flattening chat messages into that text, merging {@code extraBody}, writing JSON.
 */
final class TextPromptBodies {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TextPromptBodies() {}

  /**
   * The prompt, or the messages' text contents one per line (roles dropped) when messages are set.
   *
   * @param server the server's name for error messages, e.g. {@code TGI}
   */
  static String promptText(GenerationRequest request, String server) {
    if (request.messages() != null) {
      return joinContents(request.messages(), server);
    }
    if (request.prompt() == null) {
      throw new IllegalArgumentException("A " + server + " request needs prompt(...) or messages(...); neither was set");
    }
    return request.prompt();
  }

  /** The messages' text contents, one per line; content parts other than text cannot be sent as one text. */
  static String joinContents(List<Map<String, Object>> messages, String server) {
    StringBuilder text = new StringBuilder();
    for (Map<String, Object> message : messages) {
      Object content = message.get("content");
      if (content == null) {
        continue;
      }
      if (text.length() > 0) {
        text.append('\n');
      }
      if (content instanceof String string) {
        text.append(string);
      } else if (content instanceof List<?> parts) {
        appendTextParts(text, parts, server);
      } else {
        throw new IllegalArgumentException("A " + server + " request needs string or text-part message contents, got "
            + content.getClass().getSimpleName());
      }
    }
    return text.toString();
  }

  private static void appendTextParts(StringBuilder text, List<?> parts, String server) {
    for (Object part : parts) {
      if (part instanceof Map<?, ?> map && "text".equals(map.get("type")) && map.get("text") instanceof String s) {
        text.append(s);
      } else {
        throw new IllegalArgumentException("A " + server + " request can only send text content parts, got " + part);
      }
    }
  }

  /**
   * Merges {@code extraBody} into {@code body}: a map under {@code nestedKey} is merged entry by entry into
   * {@code nested} (the options object already in the body), everything else goes to the top level.
   */
  static void mergeExtra(
      Map<String, Object> body, String nestedKey, Map<String, Object> nested, Map<String, Object> extraBody) {
    for (Map.Entry<String, Object> entry : extraBody.entrySet()) {
      if (entry.getKey().equals(nestedKey) && entry.getValue() instanceof Map<?, ?> extra) {
        extra.forEach((key, value) -> nested.put(String.valueOf(key), value));
      } else {
        body.put(entry.getKey(), entry.getValue());
      }
    }
    body.put(nestedKey, nested);
  }

  static byte[] json(Map<String, Object> body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write the request body as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
