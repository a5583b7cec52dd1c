package io.github.gatlingllm.metrics;

/**
 * Which timing values one finished request gives Gatling's stats, in whole milliseconds as Gatling stores them. One
 * definition shared by the writer of Gatling's records and by the end-of-run report that rebuilds their rows in
 * Gatling's statistics table, so that both always hold the same values (the rule depends on the protocol's ITL mode,
 * which lives with the protocol: hence an interface here).
 */
@FunctionalInterface
public interface LoggedTimings {
  /** Logs nothing: for recordings that are not a live Gatling run (recomputations, tests). */
  LoggedTimings NONE = (record, sink) -> {};

  /** Each record's own rule ({@link RequestRecord#gatlingTimings()}): requests of one run may follow different ones. */
  LoggedTimings RECORDS_OWN = (record, sink) -> record.gatlingTimings().forEach(record, sink);

  /** Calls {@code sink} once per value, in the order the values are logged. */
  void forEach(RequestRecord record, Sink sink);

  /** Receives one value of a request's timings. */
  @FunctionalInterface
  interface Sink {
    /**
     * @param startNanos when the value's record starts ({@link System#nanoTime()}): the request's send time, or the
     *     chunk a gap starts at; {@link RequestRecord#NONE} when unknown
     * @param millis the value rounded once to whole milliseconds, as Gatling stores it
     */
    void value(LlmTiming timing, long startNanos, int millis);
  }

  /** The whole milliseconds Gatling gets for a duration: rounded once, half up. */
  static int wholeMillis(double nanos) {
    return (int) Math.round(nanos / 1_000_000.0);
  }
}
