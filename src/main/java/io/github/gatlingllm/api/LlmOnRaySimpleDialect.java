package io.github.gatlingllm.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LLM-on-Ray's "simple" serving mode: one route per model, {@code POST <base>/<model name>}, answering with the
 * generated text as a raw {@code text/plain} body (no SSE, no token counts, no end marker: the stream ends with the
 * body).
 *
 * <p>Body: {@code {"text": ..., "config": {"max_new_tokens": ..., "ignore_eos": ..., "temperature": ...}, "stream":
 * true}}, {@code ignore_eos} only when true. The server takes one text, so chat messages are flattened as for TGI (contents one per line). Fields not set
 * on the request are not sent; top_p, top_k and other generation options go in {@code extraBody} as a {@code config}
 * map, merged into the config (other {@code extraBody} entries go to the top level).
 *
 * <p>Events: each received body slice is one chunk with visible content, as LLM-on-Ray's benchmark times every chunk
 * it iterates over; its text (complete UTF-8 code points, see the client's raw reader) is captured when asked. With no
 * usage in the stream, output tokens are counted one per chunk (token source {@code CHUNKS}).
 */
public final class LlmOnRaySimpleDialect implements Dialect {
  public static final LlmOnRaySimpleDialect INSTANCE = new LlmOnRaySimpleDialect();

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private LlmOnRaySimpleDialect() {}

  @Override
  public String name() {
    return "llm-on-ray-simple";
  }

  /** Shown only: the real route is {@link #path}, built from the request's model name. */
  @Override
  public String defaultPath() {
    return "/{model}";
  }

  /** {@code /<model name>}, each byte outside RFC 3986's unreserved characters and {@code /} percent-encoded. */
  @Override
  public String path(GenerationRequest request) {
    String model = request.model();
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException(
          "An LLM-on-Ray request needs a model name for its route /<model>, got '" + model + "'");
    }
    StringBuilder path = new StringBuilder(model.length() + 1).append('/');
    for (byte b : model.getBytes(StandardCharsets.UTF_8)) {
      if (isUnreserved(b) || b == '/') {
        path.append((char) b);
      } else {
        path.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
      }
    }
    return path.toString();
  }

  @Override
  public boolean rawBody() {
    return true;
  }

  @Override
  public byte[] body(GenerationRequest request) {
    Map<String, Object> config = new LinkedHashMap<>();
    if (request.maxTokens() != null) {
      config.put("max_new_tokens", request.maxTokens());
    }
    // Only when asked for: a Transformers-backed deployment passes the config to generate(), which rejects
    // arguments it does not know; LLM-on-Ray's own benchmark sends it only for its vLLM engine.
    if (Boolean.TRUE.equals(request.ignoreEos())) {
      config.put("ignore_eos", true);
    }
    if (request.temperature() != null) {
      config.put("temperature", request.temperature());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", TextPromptBodies.promptText(request, "LLM-on-Ray"));
    body.put("config", config);
    if (request.extraBody() != null) {
      TextPromptBodies.mergeExtra(body, "config", config, request.extraBody());
    }
    // Without stream the server answers the whole text at once: nothing to time per chunk.
    body.put("stream", true);
    return TextPromptBodies.json(body);
  }

  @Override
  public void interpret(byte[] data, int length, StreamChunk out) {
    out.reset();
    out.choices(1);
    out.markVisibleContent();
    StringBuilder sink = out.textSink();
    if (sink != null && length > 0) {
      // Only when text capture is on; the client guarantees whole code points, so no replacement characters appear.
      sink.append(new String(data, 0, length, StandardCharsets.UTF_8));
    }
  }

  private static boolean isUnreserved(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
        || b == '-' || b == '.' || b == '_' || b == '~';
  }
}
