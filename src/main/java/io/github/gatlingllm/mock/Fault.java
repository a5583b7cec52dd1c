package io.github.gatlingllm.mock;

/**
 * The fault chosen for one request.
 *
 * @param status HTTP status of {@link FaultMode#HTTP_ERROR}
 * @param afterTokens token chunks delivered before a stream fault fires
 * @param stallMs how long {@link FaultMode#STALL} keeps the silent connection open
 */
record Fault(FaultMode mode, int status, int afterTokens, long stallMs) {
  static final Fault NONE = new Fault(FaultMode.NONE, 500, 0, 0);

  boolean is(FaultMode other) {
    return mode == other;
  }
}
