package io.github.gatlingllm.api;

import java.util.List;
import java.util.Map;

/** OpenAI {@code /v1/chat/completions}, streaming. vLLM calls this backend {@code openai-chat}. */
public final class OpenAiChatDialect implements Dialect {
  public static final OpenAiChatDialect INSTANCE = new OpenAiChatDialect();

  private OpenAiChatDialect() {}

  @Override
  public String name() {
    return "openai-chat";
  }

  @Override
  public String defaultPath() {
    return "/v1/chat/completions";
  }

  @Override
  public byte[] body(GenerationRequest request) {
    Map<String, Object> body = OpenAiRequestBodies.common(request);
    List<Map<String, Object>> messages = request.messages();
    if (messages == null) {
      if (request.prompt() == null) {
        throw new IllegalArgumentException("A chat request needs messages(...) or prompt(...); neither was set");
      }
      messages = List.of(Map.of("role", "user", "content", request.prompt()));
    }
    body.put("messages", messages);
    return OpenAiRequestBodies.finish(body, request);
  }

  @Override
  public void interpret(byte[] data, int length, StreamChunk out) throws MalformedEventException {
    OpenAiEventReader.read(data, length, out);
  }
}
