package io.github.gatlingllm.protocol;

/**
 * Converts {@link System#nanoTime()} stamps to Gatling's millisecond clock with one fixed offset taken at start, so
 * that the records given to Gatling and the plugin's exact figures describe the same instants and the hot path never
 * reads a second clock.
 */
public final class TimeBase {
  private final long originMillis;
  private final long originNanos;

  public TimeBase(long gatlingNowMillis, long nanoTime) {
    this.originMillis = gatlingNowMillis;
    this.originNanos = nanoTime;
  }

  /** Gatling milliseconds for a nanoTime stamp (rounded to the nearest ms). */
  public long millis(long nanoTime) {
    return originMillis + Math.round((nanoTime - originNanos) / 1_000_000.0);
  }

  /** Gatling's wall-clock milliseconds at the origin (the run origin of the per-request files). */
  public long originMillis() {
    return originMillis;
  }

  /** {@link System#nanoTime()} at the origin. */
  public long originNanos() {
    return originNanos;
  }

}
