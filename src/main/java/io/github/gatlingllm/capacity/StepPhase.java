package io.github.gatlingllm.capacity;

import java.util.Locale;

/** Why a step ran: its part in a capacity search, or in a sweep. */
public enum StepPhase {
  /** Search: growing (or shrinking) the load exponentially until one step passes and one fails. */
  BRACKET,
  /** Search: narrowing the bracket between the highest passing and the lowest failing load. */
  NARROW,
  /** Search: running the step nearest the boundary again, to see whether its verdict holds. */
  REPEAT,
  /** Sweep: one user, requests back to back (the server's best latency). */
  SYNCHRONOUS,
  /** Sweep: every request at once (the server's maximum throughput). */
  THROUGHPUT,
  /** Sweep: a given or interpolated level. */
  SWEEP;

  /** The JSON and table name: {@code bracket}, {@code narrow}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
