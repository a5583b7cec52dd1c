package io.github.gatlingllm.client;

import io.netty.buffer.ByteBuf;

/**
 * Reads a raw streamed body (no SSE framing): every non-empty body slice the HTTP decoder hands over is one event,
 * stamped with the time of the socket read that carried it, as a client iterating over received chunks sees it.
 *
 * <p>The event's data holds the slice's bytes up to the last complete UTF-8 code point; the bytes of a code point cut
 * by the read boundary (at most {@link Utf8Boundary#MAX_INCOMPLETE}) wait in a small fixed array and open the next
 * event. So an event is never decoded halfway through a character, and a slice made only of such bytes is still an
 * event (data was received) with no text yet. Bytes are copied into the connection's reused {@link SseEvent}: nothing
 * is allocated per slice once its array has grown to the largest slice (bounded by the HTTP decoder's chunk size).
 * An incomplete code point still pending when the body ends is dropped: it was invalid UTF-8.
 *
 * <p>Not thread-safe: one instance per connection, used on its event loop; the buffers passed in are only read.
 */
final class RawBodyReader {
  private final SseDecoder.Listener listener;
  private final SseEvent event = new SseEvent();
  private final byte[] pending = new byte[Utf8Boundary.MAX_INCOMPLETE];
  private int pendingLength;

  RawBodyReader(SseDecoder.Listener listener) {
    this.listener = listener;
  }

  /** Forgets everything: the next byte starts a new body. */
  void reset() {
    pendingLength = 0;
    event.reset();
  }

  /**
   * Hands the readable bytes of {@code buf} to the listener as one event (nothing for an empty slice).
   *
   * @return {@code false} if the listener asked to stop
   */
  boolean read(ByteBuf buf, long readNanos) {
    int length = buf.readableBytes();
    if (length == 0) {
      return true;
    }
    event.reset();
    int total = pendingLength + length;
    byte[] data = event.reserve(total);
    System.arraycopy(pending, 0, data, 0, pendingLength);
    buf.getBytes(buf.readerIndex(), data, pendingLength, length);
    int complete = Utf8Boundary.completeLength(data, total);
    pendingLength = total - complete;
    System.arraycopy(data, complete, pending, 0, pendingLength);
    event.advance(complete);
    return listener.onEvent(event, readNanos);
  }
}
