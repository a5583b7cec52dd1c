package io.github.gatlingllm.capacity;

import java.time.Duration;

/**
 * How long each step runs: a duration (a rate step then sends rate x duration requests; a concurrency step sends
 * until the duration is over) or a number of requests, plus a warm-up share at its start whose requests are sent but
 * kept out of the step's figures (the server reaches its steady state on them).
 *
 * @param duration the step's length, or null when it is a number of requests
 * @param requests the step's requests (warm-ups included) when it is not a duration, else 0
 * @param warmUpShare the share of the step (of its requests, or of its duration) that warms up, in [0, 0.9]
 */
public record StepSize(Duration duration, int requests, double warmUpShare) {
  /** The fewest measured requests a step judges on: fewer make its percentiles meaningless. */
  public static final int MIN_MEASURED = 10;

  public StepSize {
    if ((duration == null) == (requests == 0)) {
      throw new IllegalArgumentException("a step is either a duration or a number of requests, not both nor neither");
    }
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new IllegalArgumentException("a step's duration must be > 0, got " + duration);
    }
    if (requests < 0) {
      throw new IllegalArgumentException("a step's requests must be >= 1, got " + requests);
    }
    if (!(warmUpShare >= 0 && warmUpShare <= 0.9)) {
      throw new IllegalArgumentException("the warm-up share must be between 0 and 0.9, got " + warmUpShare);
    }
  }

  public static StepSize of(Duration duration, double warmUpShare) {
    return new StepSize(duration, 0, warmUpShare);
  }

  public static StepSize of(int requests, double warmUpShare) {
    return new StepSize(null, requests, warmUpShare);
  }

  /**
   * The requests a step at {@code load} sends, warm-ups included; -1 when it is not known in advance (a concurrency or
   * all-at-once step of a given duration: its users send until the time is up).
   */
  public int requestsAt(StepLoad load) {
    if (duration == null) {
      return requests;
    }
    if (load.kind() == StepLoad.Kind.RATE) {
      double seconds = duration.toNanos() / 1e9;
      return (int) Math.max(Math.ceil(MIN_MEASURED / (1 - warmUpShare)), ceilOfProduct(load.value() * seconds));
    }
    return -1;
  }

  /**
   * The ceiling of rate x seconds, a whole product read as such: 1.1 x 100 is 110.00000000000001 in doubles, and is
   * 110 requests, not 111.
   */
  private static double ceilOfProduct(double product) {
    double whole = Math.rint(product);
    return Math.abs(product - whole) <= 1e-9 * Math.max(1, whole) ? whole : Math.ceil(product);
  }

  /** Of {@code total} requests, how many warm up (the first ones). */
  public int warmUpsOf(int total) {
    return (int) Math.floor(total * warmUpShare);
  }

  /** How long the warm-up lasts in a step of a duration, in nanoseconds (0 for a step of requests). */
  public long warmUpNanos() {
    return duration == null ? 0 : (long) (duration.toNanos() * warmUpShare);
  }

  @Override
  public String toString() {
    String share = warmUpShare > 0 ? String.format(java.util.Locale.ROOT, ", the first %.0f %% warming up", warmUpShare * 100) : "";
    return (duration != null ? duration.toMillis() / 1000.0 + " s" : requests + " requests") + " per step" + share;
  }
}
