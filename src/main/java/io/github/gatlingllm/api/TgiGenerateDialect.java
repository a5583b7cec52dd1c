package io.github.gatlingllm.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face text-generation-inference's native {@code POST /generate_stream}. vLLM's benchmark calls this backend
 * {@code tgi}.
 *
 * <p>Body: {@code {"inputs": ..., "parameters": {"max_new_tokens": ..., "details": true, ...}, "stream": true}}. TGI
 * takes one text, so chat messages are flattened: their contents joined with a newline, roles dropped (apply a chat
 * template to the prompt yourself when the model needs one). TGI serves one model and has no {@code ignore_eos}: the
 * model name and {@code ignoreEos} are not sent. A temperature of 0 means greedy decoding, TGI's default, so it is
 * omitted (TGI rejects 0); a positive one turns sampling on. {@code extraBody} entries go to the top level, except a
 * {@code parameters} map, whose entries are merged into the parameters.
 *
 * <p>Events: see {@link TgiEventReader}.
 */
public final class TgiGenerateDialect implements Dialect {
  public static final TgiGenerateDialect INSTANCE = new TgiGenerateDialect();

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TgiGenerateDialect() {}

  @Override
  public String name() {
    return "tgi";
  }

  @Override
  public String defaultPath() {
    return "/generate_stream";
  }

  @Override
  public byte[] body(GenerationRequest request) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    if (request.maxTokens() != null) {
      parameters.put("max_new_tokens", request.maxTokens());
    }
    if (request.temperature() != null && request.temperature() > 0) {
      parameters.put("do_sample", true);
      parameters.put("temperature", request.temperature());
    }
    parameters.put("details", true);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("inputs", inputs(request));
    body.put("parameters", parameters);
    if (request.extraBody() != null) {
      mergeExtra(body, parameters, request.extraBody());
    }
    // The final event's details carry the exact token count; streaming is what this plugin measures.
    parameters.put("details", true);
    body.put("stream", true);
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write the request body as JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public void interpret(byte[] data, int length, StreamChunk out) throws MalformedEventException {
    TgiEventReader.read(data, length, out);
  }

  private static String inputs(GenerationRequest request) {
    if (request.messages() != null) {
      return joinContents(request.messages());
    }
    if (request.prompt() == null) {
      throw new IllegalArgumentException("A TGI request needs prompt(...) or messages(...); neither was set");
    }
    return request.prompt();
  }

  /** The messages' text contents, one per line; content parts other than text are not sendable to TGI. */
  static String joinContents(List<Map<String, Object>> messages) {
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
        appendTextParts(text, parts);
      } else {
        throw new IllegalArgumentException(
            "A TGI request needs string or text-part message contents, got " + content.getClass().getSimpleName());
      }
    }
    return text.toString();
  }

  private static void appendTextParts(StringBuilder text, List<?> parts) {
    for (Object part : parts) {
      if (part instanceof Map<?, ?> map && "text".equals(map.get("type")) && map.get("text") instanceof String s) {
        text.append(s);
      } else {
        throw new IllegalArgumentException("A TGI request can only send text content parts, got " + part);
      }
    }
  }

  private static void mergeExtra(
      Map<String, Object> body, Map<String, Object> parameters, Map<String, Object> extraBody) {
    for (Map.Entry<String, Object> entry : extraBody.entrySet()) {
      if (entry.getKey().equals("parameters") && entry.getValue() instanceof Map<?, ?> extra) {
        extra.forEach((key, value) -> parameters.put(String.valueOf(key), value));
      } else {
        body.put(entry.getKey(), entry.getValue());
      }
    }
    body.put("parameters", parameters);
  }
}
