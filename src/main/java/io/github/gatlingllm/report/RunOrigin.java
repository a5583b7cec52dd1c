package io.github.gatlingllm.report;

/**
 * The instant per-request files count their times from: one {@link System#nanoTime()} reading and the wall-clock time
 * taken with it. Rows store nanoTime differences from {@link #nanoTime()} (exact), and {@link #epochMillis()} places
 * them in wall time, which is how files of several load generators are put on one time line.
 *
 * @param epochMillis wall-clock time (ms since 1970) of the origin
 * @param nanoTime {@link System#nanoTime()} of the same instant
 */
public record RunOrigin(long epochMillis, long nanoTime) {

  /** Wall-clock seconds since 1970 of a {@link System#nanoTime()} reading of this run. */
  public double epochSeconds(long nanos) {
    return epochMillis / 1e3 + (nanos - nanoTime) / 1e9;
  }

  /** Now, read from both clocks. */
  public static RunOrigin now() {
    return new RunOrigin(System.currentTimeMillis(), System.nanoTime());
  }
}
