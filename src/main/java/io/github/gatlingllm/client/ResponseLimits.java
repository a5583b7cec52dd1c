package io.github.gatlingllm.client;

/**
 * What the client accepts from a server beyond the timeouts of {@link ClientSettings}: kept apart from them because
 * these bound what a hostile or broken server can cost, not how long a healthy one may take.
 *
 * @param maxBodyBytes the most response body bytes one request may read (after decompression); a stream that never
 *     ends fails at this cap even with the total timeout disabled. Zero or negative: no cap
 * @param retryUnanswered send a POST again, once, on a fresh connection when the pooled connection it was written to
 *     closes before any byte of an answer (the server most likely closed the idle connection as the request left, and
 *     never saw it). {@code false} when a generation that the server did start, then lost, must not be paid twice
 */
public record ResponseLimits(long maxBodyBytes, boolean retryUnanswered) {
  /**
   * 256 MiB: about a million streamed tokens of OpenAI chunk JSON, far beyond any real answer, and a few seconds of a
   * loopback server streaming garbage as fast as it can.
   */
  public static final long DEFAULT_MAX_BODY_BYTES = 256L * 1024 * 1024;

  public static final ResponseLimits DEFAULT = new ResponseLimits(DEFAULT_MAX_BODY_BYTES, true);
}
