package io.github.gatlingllm.health;

import io.github.gatlingllm.metrics.RequestRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Judges each finished request against the stalls: one whose window {@code [send, end]} shared an instant with a GC
 * pause or an event-loop stall is flagged, counted in total and by cause. The stall may be on any loop: a request is
 * not tied to a loop in its record, and a stall of another loop still delays the statistics and the shared CPU.
 *
 * <p>A stall is known only after it ends (the late task runs, the GC notification arrives), so a request is judged
 * only once the monitor knows every stall that began before its end ({@link #advance}'s {@code knownUntil}); until
 * then it waits here as two longs. At most {@link #MAX_PENDING} wait: beyond, the oldest is judged with what is known
 * then (counted in {@link #judgedEarly}). Stalls are kept only while a request still to be judged may overlap them:
 * those ending before every waiting request's send and before the earliest start of the requests still in flight
 * are let go (and at most {@link #MAX_STALLS} are kept whatever happens; evictions are counted).
 *
 * <p>Single-threaded: the statistics thread calls everything.
 */
final class FlaggedRequests {
  static final int MAX_PENDING = 1 << 16;
  static final int MAX_STALLS = 10_000;
  /** How many of the longest stalls the report lists. */
  static final int LONGEST = 10;

  private final long[] pendingSend = new long[MAX_PENDING];
  private final long[] pendingEnd = new long[MAX_PENDING];
  private int head;
  private int size;
  /** Stalls that a request still to be judged may overlap, in arrival order. */
  private final List<Stall> stalls = new ArrayList<>();
  private final List<Stall> longest = new ArrayList<>();
  private long judged;
  private long flagged;
  private long flaggedGc;
  private long flaggedLag;
  private long judgedEarly;
  private long stallsEvicted;
  private long lagStalls;

  /** A finished request; one never sent (a request that could not be built) has no window and is skipped. */
  void add(RequestRecord record) {
    long send = record.sendNanos();
    long end = record.endNanos();
    if (send == RequestRecord.NONE || end == RequestRecord.NONE) {
      return;
    }
    add(send, end);
  }

  void add(long sendNanos, long endNanos) {
    if (size == MAX_PENDING) {
      judgeHead();
      judgedEarly++;
    }
    int tail = (head + size) % MAX_PENDING;
    pendingSend[tail] = sendNanos;
    pendingEnd[tail] = Math.max(sendNanos, endNanos);
    size++;
  }

  /** A stall the monitor published. */
  void stall(Stall stall) {
    if (stall.cause() == Stall.Cause.LAG) {
      lagStalls++;
    }
    if (stalls.size() == MAX_STALLS) {
      stalls.remove(0);
      stallsEvicted++;
    }
    stalls.add(stall);
    keepLongest(stall);
  }

  /**
   * Judges the waiting requests (in the order they finished) that end before {@code knownUntil}, then lets go of the
   * stalls no request can overlap any more.
   *
   * @param knownUntil every stall beginning before this time has been given to {@link #stall}
   * @param earliestUnrecorded no request given later was sent before this time (the earliest intended start of the
   *     requests still in flight), {@code Long.MAX_VALUE} when no more will come
   */
  void advance(long knownUntil, long earliestUnrecorded) {
    while (size > 0 && pendingEnd[head] - knownUntil < 0) {
      judgeHead();
    }
    long keepFrom = earliestUnrecorded;
    for (int i = 0; i < size; i++) {
      keepFrom = Math.min(keepFrom, pendingSend[(head + i) % MAX_PENDING]);
    }
    long from = keepFrom;
    stalls.removeIf(s -> s.endNanos() < from);
  }

  /** The end of the run: every stall is known, every request judged. */
  void finish() {
    while (size > 0) {
      judgeHead();
    }
    stalls.clear();
  }

  private void judgeHead() {
    long send = pendingSend[head];
    long end = pendingEnd[head];
    head = (head + 1) % MAX_PENDING;
    size--;
    judged++;
    boolean gc = false;
    boolean lag = false;
    for (Stall s : stalls) {
      if (s.overlaps(send, end)) {
        if (s.cause() == Stall.Cause.GC) {
          gc = true;
        } else {
          lag = true;
        }
      }
    }
    if (gc || lag) {
      flagged++;
    }
    if (gc) {
      flaggedGc++;
    }
    if (lag) {
      flaggedLag++;
    }
  }

  private void keepLongest(Stall stall) {
    if (longest.size() < LONGEST || stall.nanos() > longest.get(longest.size() - 1).nanos()) {
      longest.add(stall);
      longest.sort(Comparator.comparingLong(Stall::nanos).reversed());
      if (longest.size() > LONGEST) {
        longest.remove(longest.size() - 1);
      }
    }
  }

  long judged() {
    return judged;
  }

  long flagged() {
    return flagged;
  }

  long flaggedGc() {
    return flaggedGc;
  }

  long flaggedLag() {
    return flaggedLag;
  }

  long judgedEarly() {
    return judgedEarly;
  }

  long stallsEvicted() {
    return stallsEvicted;
  }

  /** Event-loop stalls over the threshold seen so far. */
  long lagStalls() {
    return lagStalls;
  }

  int pending() {
    return size;
  }

  int stallsKept() {
    return stalls.size();
  }

  /** The longest stalls of the run, longest first (at most {@link #LONGEST}). */
  List<Stall> longest() {
    return List.copyOf(longest);
  }
}
