package io.github.gatlingllm.mock;

import java.util.Locale;

/**
 * What goes wrong with a faulted request. K below is the fault's {@code afterTokens}: the number of token chunks
 * delivered before the fault fires, at the moment token K+1 would have been due (a chat stream's role chunk travels
 * with token 1, so with K = 0 not even the role chunk is sent).
 */
public enum FaultMode {
  /** No fault. As a header value, it exempts a request that {@code faultEvery} would have faulted. */
  NONE,
  /** An immediate error status (the fault's {@code status}) with an OpenAI-style JSON error body. */
  HTTP_ERROR,
  /** The connection is closed after K tokens, in the middle of the chunked body (no terminating chunk). */
  CUT,
  /** After K tokens, one event whose data is not valid JSON; the stream then goes on normally to [DONE]. */
  MALFORMED,
  /** After K tokens, nothing more is sent; the connection stays open for {@code stallMs}, then is closed. */
  STALL,
  /** After K tokens, an SSE event carrying {@code {"error":{...}}}, then [DONE] and the end of the body. */
  ERROR_EVENT;

  /**
   * Parses a mode name case-insensitively, accepting {@code -} for {@code _} ({@code error-event}).
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  static FaultMode parse(String text, String what) {
    String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (FaultMode mode : values()) {
      if (mode.name().equals(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "Invalid value '" + text + "' for " + what + ": expected one of " + acceptedNames());
  }

  static String acceptedNames() {
    StringBuilder names = new StringBuilder();
    for (FaultMode mode : values()) {
      names.append(names.length() == 0 ? "" : ", ").append(mode.name().toLowerCase(Locale.ROOT));
    }
    return names.toString();
  }
}
