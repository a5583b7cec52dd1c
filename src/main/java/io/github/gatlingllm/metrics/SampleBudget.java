package io.github.gatlingllm.metrics;

/**
 * How many raw samples the {@link MetricSamples} of one run may keep between them, so that the memory of a run with
 * many scenarios (a sweep's steps, each with its own statistics) stays bounded as a whole, not only per metric. A
 * metric that finds the budget spent lets its raw values go, gives them back, and continues from its histogram.
 *
 * <p>Single-threaded, like the statistics that share it.
 */
public final class SampleBudget {
  /** The most any run keeps by default: 16 M doubles, 128 MB. */
  public static final long MAX_DEFAULT = 16_000_000L;
  /** The least a default budget allows, whatever the heap: 1 M doubles, 8 MB. */
  public static final long MIN_DEFAULT = 1_000_000L;

  private long remaining;

  public SampleBudget(long samples) {
    if (samples < 0) {
      throw new IllegalArgumentException("a sample budget must be >= 0, got " + samples);
    }
    this.remaining = samples;
  }

  /** No bound beyond each metric's own limit (recomputations, tests). */
  public static SampleBudget unlimited() {
    return new SampleBudget(Long.MAX_VALUE);
  }

  /**
   * The default for a JVM whose heap may grow to {@code maxHeapBytes}: an eighth of it in raw values (8 bytes each),
   * between {@link #MIN_DEFAULT} and {@link #MAX_DEFAULT} samples: 128 MB under Gatling's default 1 GB heap, 32 MB
   * under 256 MB.
   */
  public static SampleBudget forHeap(long maxHeapBytes) {
    long samples = maxHeapBytes / 8 / Double.BYTES;
    return new SampleBudget(Math.max(MIN_DEFAULT, Math.min(MAX_DEFAULT, samples)));
  }

  /** Takes one sample's room; false when none is left. */
  boolean take() {
    if (remaining == 0) {
      return false;
    }
    if (remaining != Long.MAX_VALUE) {
      remaining--;
    }
    return true;
  }

  /** Gives back the room of samples let go. */
  void release(long samples) {
    if (remaining != Long.MAX_VALUE) {
      remaining += samples;
    }
  }

  public long remaining() {
    return remaining;
  }
}
