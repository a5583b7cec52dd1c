package io.github.gatlingllm.mock;

/**
 * The generation endpoints: OpenAI's two, with the names vLLM gives to their responses, and TGI's native
 * {@code /generate_stream} (always streamed, no response object names).
 */
enum Endpoint {
  CHAT("/v1/chat/completions", "chatcmpl-mock-", "chat.completion.chunk", "chat.completion"),
  COMPLETIONS("/v1/completions", "cmpl-mock-", "text_completion", "text_completion"),
  TGI_STREAM("/generate_stream", "tgi-mock-", null, null);

  final String path;
  final String idPrefix;
  final String chunkObject;
  final String responseObject;

  Endpoint(String path, String idPrefix, String chunkObject, String responseObject) {
    this.path = path;
    this.idPrefix = idPrefix;
    this.chunkObject = chunkObject;
    this.responseObject = responseObject;
  }

  static Endpoint forPath(String path) {
    for (Endpoint endpoint : values()) {
      if (endpoint.path.equals(path)) {
        return endpoint;
      }
    }
    return null;
  }
}
