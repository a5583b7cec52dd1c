package io.github.gatlingllm.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Reads a side request's answer ({@code /metrics}, {@code /v1/models}) with a cap on its size and on its total time: a
 * per-read timeout alone lets a server that drips one byte a second hold a scrape forever, and
 * {@code readAllBytes} would take a gigabyte page whole.
 */
final class BoundedBody {
  /** 16 MiB: a vLLM {@code /metrics} page with every histogram is a few hundred KiB, a model list far less. */
  static final int MAX_BYTES = 16 * 1024 * 1024;

  private BoundedBody() {}

  /**
   * @param deadlineNanos the {@link System#nanoTime()} by which the whole body must be read; checked after each read
   *     (a read that stalls ends at the connection's read timeout)
   * @throws IOException when the body is longer than {@code maxBytes} or not read by the deadline
   */
  static String read(InputStream in, int maxBytes, long deadlineNanos, long timeoutNanos) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      if (out.size() + n > maxBytes) {
        throw new IOException("answer longer than " + maxBytes + " bytes");
      }
      out.write(buffer, 0, n);
      if (System.nanoTime() - deadlineNanos > 0) {
        throw new IOException(
            "answer not complete within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (" + out.size()
                + " bytes read)");
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
