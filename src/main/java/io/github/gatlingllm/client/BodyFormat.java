package io.github.gatlingllm.client;

/** How a streaming response body is cut into the events handed to {@link StreamHandler#onEvent}. */
public enum BodyFormat {
  /** Server-Sent Events: one event per {@code data} payload ({@link SseDecoder}). */
  SSE,
  /**
   * A raw text body (LLM-on-Ray's simple mode): each received body slice is one event holding its complete UTF-8
   * code points ({@link RawBodyReader}); the stream ends with the body.
   */
  RAW
}
