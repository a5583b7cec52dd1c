package io.github.gatlingllm.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * This JVM's place in a fleet of load generators acting as one run ({@code llm.injectorIndex}, {@code
 * llm.injectorCount}, {@code llm.runId}): what share of the load it sends and how it numbers its requests, so that
 * the fleet's {@code llm-requests.csv} files merge into one run ({@code Recompute}) without colliding.
 *
 * <p>Every split gives the remainder to the first injectors ({@link #share}): the shares of all injectors add up to the
 * whole, whatever it is, and differ by at most one.
 *
 * @param runId the fleet's shared run id, written into {@code llm-summary.json} for the merge to check
 * @param index this injector, in {@code [0, count)}
 * @param count injectors in the fleet, >= 1
 */
public record Injector(String runId, int index, int count) {

  public Injector {
    Objects.requireNonNull(runId, "runId");
    if (runId.isBlank()) {
      throw new IllegalArgumentException("the run id must not be blank");
    }
    if (count < 1) {
      throw new IllegalArgumentException("the injector count must be >= 1, got " + count);
    }
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "the injector index must be in [0, " + count + ") for " + count + " injectors, got " + index);
    }
  }

  /** A run alone: one injector, a fresh run id. */
  public static Injector alone() {
    return new Injector(freshRunId(), 0, 1);
  }

  /** A new random run id, for a run that was given none. */
  public static String freshRunId() {
    return UUID.randomUUID().toString();
  }

  /** Whether this run is one of several. */
  public boolean inFleet() {
    return count > 1;
  }

  /** This injector's part of {@code total}: {@code total / count}, plus one for the first {@code total % count}. */
  public int share(int total) {
    return share(total, count);
  }

  /** This injector's part of {@code total} split among the first {@code among} injectors only (0 beyond them). */
  public int share(int total, int among) {
    if (total < 0) {
      throw new IllegalArgumentException("cannot split a negative total " + total);
    }
    if (index >= among) {
      return 0;
    }
    return total / among + (index < total % among ? 1 : 0);
  }

  /** This injector's part of a rate: {@code rate / count} (infinite stays infinite). */
  public double share(double rate) {
    return rate / count;
  }

  /**
   * Items {@code index}, {@code index + count}, ... of {@code all}: the injectors take disjoint items, as many as
   * {@link #share(int)} of {@code all.size()}, and together all of them.
   */
  public <T> List<T> stride(List<T> all) {
    List<T> mine = new ArrayList<>(share(all.size()));
    for (int i = index; i < all.size(); i += count) {
      mine.add(all.get(i));
    }
    return mine;
  }

  /** As {@link #stride(List)} for an array of times. */
  public double[] stride(double[] all) {
    double[] mine = new double[share(all.length)];
    for (int i = index, j = 0; i < all.length; i += count, j++) {
      mine[j] = all[i];
    }
    return mine;
  }

  /**
   * The id of this injector's {@code n}-th request (from 1): {@code index + 1 + (n - 1) * count}, so injector 0 numbers
   * 1, 1 + count, ..., injector 1 numbers 2, 2 + count, ...: disjoint across the fleet, and 1, 2, 3 ... alone.
   */
  public long requestId(long n) {
    return index + 1 + (n - 1) * count;
  }

  /** The seed of this injector's random draws (arrivals): {@code seed + index}, distinct across the fleet. */
  public long seed(long seed) {
    return seed + index;
  }
}
