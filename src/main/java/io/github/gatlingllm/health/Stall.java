package io.github.gatlingllm.health;

/**
 * An interval during which the load generator could not measure faithfully, on {@code System.nanoTime()}: a
 * stop-the-world GC pause (every thread stood still), or an event loop that ran a task more than the threshold late
 * (the reads of that loop's connections waited that long, so their chunks were stamped late).
 *
 * @param cause what stalled the client
 * @param startNanos when the stall began (the late task's intended time; the pause's start)
 * @param endNanos when it ended (the late task's actual time; the pause's end)
 */
public record Stall(Cause cause, long startNanos, long endNanos) {
  /** What stalled the client. */
  public enum Cause {
    GC,
    LAG
  }

  public long nanos() {
    return endNanos - startNanos;
  }

  /** Whether the closed window {@code [from, to]} shares an instant with this stall. */
  boolean overlaps(long from, long to) {
    return from <= endNanos && to >= startNanos;
  }
}
