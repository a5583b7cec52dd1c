package io.github.gatlingllm.api;

/**
 * One wire format for streaming generation: how to write the request body and what each streamed event means.
 * Implementations are stateless and shared by all virtual users.
 */
public interface Dialect {

  /** The name reported as {@code backend} / {@code endpoint_type} in results (vLLM's names where they exist). */
  String name();

  /** The request path used when the user sets none, e.g. {@code /v1/chat/completions}. */
  String defaultPath();

  /**
   * The request path for {@code request} when the user sets none: {@link #defaultPath()}, unless the route depends on
   * the request (LLM-on-Ray serves each model on its own route). Called on the event loop: must stay cheap.
   */
  default String path(GenerationRequest request) {
    return defaultPath();
  }

  /**
   * Whether the response is a raw text body rather than SSE: each received body slice is then one event whose data
   * holds complete UTF-8 code points, and the stream ends with the body.
   */
  default boolean rawBody() {
    return false;
  }

  /** The JSON body for a streaming request. Called on the event loop: must stay cheap (no tokenizing). */
  byte[] body(GenerationRequest request);

  /**
   * Reads one SSE data payload (or, for a {@link #rawBody() raw body}, one received slice) into {@code out} (reset first by the callee).
   *
   * @throws MalformedEventException when the payload is not what this dialect expects (not JSON, wrong shape)
   */
  void interpret(byte[] data, int length, StreamChunk out) throws MalformedEventException;
}
