package io.github.gatlingllm.api;

import java.util.Map;

/** OpenAI {@code /v1/completions}, streaming. vLLM calls this backend {@code openai}. */
public final class OpenAiCompletionsDialect implements Dialect {
  public static final OpenAiCompletionsDialect INSTANCE = new OpenAiCompletionsDialect();

  private OpenAiCompletionsDialect() {}

  @Override
  public String name() {
    return "openai";
  }

  @Override
  public String defaultPath() {
    return "/v1/completions";
  }

  @Override
  public byte[] body(GenerationRequest request) {
    if (request.prompt() == null) {
      throw new IllegalArgumentException("A completion request needs prompt(...); it was not set");
    }
    Map<String, Object> body = OpenAiRequestBodies.common(request);
    body.put("prompt", request.prompt());
    return OpenAiRequestBodies.finish(body, request);
  }

  @Override
  public void interpret(byte[] data, int length, StreamChunk out) throws MalformedEventException {
    OpenAiEventReader.read(data, length, out);
  }
}
