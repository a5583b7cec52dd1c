package io.github.gatlingllm.client;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** The start of a non-2xx response body, kept as failure detail; the rest is drained. Failure path only. */
final class ErrorBody {
  static final int MAX_BYTES = 2048;

  private final byte[] bytes = new byte[MAX_BYTES];
  private int length;

  void append(ByteBuf content) {
    int n = Math.min(content.readableBytes(), MAX_BYTES - length);
    if (n > 0) {
      content.getBytes(content.readerIndex(), bytes, length, n);
      length += n;
    }
  }

  /** The text; a multi-byte character cut at the limit becomes U+FFFD. */
  String text() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8).trim();
  }
}
