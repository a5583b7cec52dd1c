package io.github.gatlingllm.api;

import java.util.LinkedHashMap;
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
    body.put("inputs", TextPromptBodies.promptText(request, "TGI"));
    body.put("parameters", parameters);
    if (request.extraBody() != null) {
      TextPromptBodies.mergeExtra(body, "parameters", parameters, request.extraBody());
    }
    // The final event's details carry the exact token count; streaming is what this plugin measures.
    parameters.put("details", true);
    body.put("stream", true);
    return TextPromptBodies.json(body);
  }

  @Override
  public void interpret(byte[] data, int length, StreamChunk out) throws MalformedEventException {
    TgiEventReader.read(data, length, out);
  }
}
