package io.github.gatlingllm.mock;

import java.util.Locale;

/**
 * How far behind its own schedule the server wrote tokens: for each token, the time its write started minus the
 * time the latency model said it was due. This is the mock's own error in an accuracy benchmark; when it is small,
 * latencies that a client reports above the configured ones come from the client or the network, not from here.
 *
 * @param tokens token chunks written (including those of faulted or abandoned requests, up to their end)
 * @param meanLateMs average lateness
 * @param maxLateMs largest lateness
 * @param lateOver1Ms tokens more than 1 ms late; likewise for 5, 20 and 100 ms
 */
public record MockTimingStats(
    long tokens,
    double meanLateMs,
    double maxLateMs,
    long lateOver1Ms,
    long lateOver5Ms,
    long lateOver20Ms,
    long lateOver100Ms) {

  /** One line for a console. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%d tokens written, late by %.3f ms on average, %.2f ms at most; >1 ms: %d, >5 ms: %d, >20 ms: %d, >100 ms: %d",
        tokens, meanLateMs, maxLateMs, lateOver1Ms, lateOver5Ms, lateOver20Ms, lateOver100Ms);
  }
}
