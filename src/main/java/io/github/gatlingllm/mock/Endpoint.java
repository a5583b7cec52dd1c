package io.github.gatlingllm.mock;

/**
 * The generation endpoints: OpenAI's two, with the names vLLM gives to their responses, TGI's native
 * {@code /generate_stream} (always streamed, no response object names) and LLM-on-Ray's simple mode, whose route is
 * the served model's name ({@code path} null: see {@link ServerState#isModelRoute}).
 */
enum Endpoint {
  CHAT("/v1/chat/completions", "chatcmpl-mock-", "chat.completion.chunk", "chat.completion"),
  COMPLETIONS("/v1/completions", "cmpl-mock-", "text_completion", "text_completion"),
  TGI_STREAM("/generate_stream", "tgi-mock-", null, null),
  LLM_ON_RAY_SIMPLE(null, "simple-mock-", null, null);

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
      if (path.equals(endpoint.path)) {
        return endpoint;
      }
    }
    return null;
  }
}
