package io.github.gatlingllm.client;

/**
 * Receives the life of one streaming request, always on the event loop the request was executed on.
 *
 * <p>Exactly one of {@link #onEnd} or {@link #onFailure} ends a stream, unless the handler itself ends it by
 * returning {@code false} from {@link #onEvent}, after which nothing more is called. Timestamps are
 * {@link System#nanoTime()} values: {@code readNanos} is taken once at the start of the socket read that carried the
 * bytes, so every event decoded from one read shares it (the truth for a batched read).
 */
public interface StreamHandler {

  /** Called just before the request bytes are written to a connection (after the connection was acquired). */
  void onSend(long sendNanos);

  /** Called when the status line and headers of a 2xx response arrived; the body follows as SSE events. */
  void onResponseStart(int status, long readNanos);

  /**
   * One complete SSE event that has a {@code data} field (for a {@link BodyFormat#RAW raw} body: one received body
   * slice, its data ending on a UTF-8 code point boundary). The event object and its byte array are reused by the
   * client after this call returns: copy what must be kept.
   *
   * @return {@code true} to go on reading, {@code false} when the handler has finished with the stream (for example
   *     a malformed event): the client then closes the connection and calls nothing more on this handler
   */
  boolean onEvent(SseEvent event, long readNanos);

  /** The response body ended normally (end of chunked body, or close of a close-delimited body). */
  void onEnd(long endNanos);

  /** The request failed: connect error, timeout, non-2xx status, connection lost mid-stream, ... */
  void onFailure(ClientFailure failure, long failureNanos);
}
