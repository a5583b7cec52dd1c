package io.github.gatlingllm.protocol;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A cap on requests in flight across every virtual user (vLLM's {@code --max-concurrency}): arrivals beyond the cap
 * wait on the client. The waiting time is not hidden: each request keeps its arrival time as its intended start
 * (docs/metrics.md, coordinated omission).
 *
 * <p><b>Which waiting request gets a freed slot.</b> Mostly the oldest, as vLLM's semaphore does. But a slot freed on
 * an event loop goes first to the oldest request waiting on that same loop, as long as it arrived at most
 * {@code maxInFlight} requests after the oldest of all: its user's connection pool holds the connection that just came
 * back, so it is sent on it. Handing the slot to another loop, whose pool has no idle connection, opened a new
 * connection per hand-over: a closed load of N streams over L loops grew to L x N connections, opened during the
 * measured load, their set-up in the send lag (BENCHMARKS.md, "Calibration"). The bound keeps the order fair: a
 * waiting request is passed over at most {@code maxInFlight} times.
 *
 * <p>Used once when a request starts and once when it ends, from many event loops; the lock guards a few field
 * updates only (never I/O), so it is held for nanoseconds. A waiting task is handed back to its own event loop.
 */
public final class ConcurrencyLimiter {
  private final int maxInFlight;
  /** Every waiting request in arrival order; those taken through {@link #byLoop} are skipped when reached. */
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  /** The same requests, per event loop, in arrival order; those taken through {@link #waiting} are skipped alike. */
  private final Map<Executor, ArrayDeque<Waiting>> byLoop = new HashMap<>();
  private int waitingCount;
  private long arrivals;
  private int inFlight;

  private static final class Waiting {
    final Executor loop;
    final Runnable task;
    final long arrival;
    boolean taken;

    Waiting(Executor loop, Runnable task, long arrival) {
      this.loop = loop;
      this.task = task;
      this.arrival = arrival;
    }
  }

  public ConcurrencyLimiter(int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("max concurrency must be >= 1, got " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
  }

  public int maxInFlight() {
    return maxInFlight;
  }

  /** Runs {@code task} now when under the cap, else queues it to run on {@code loop} when a slot frees. */
  public void submit(Executor loop, Runnable task) {
    boolean runNow;
    synchronized (this) {
      runNow = inFlight < maxInFlight;
      if (runNow) {
        inFlight++;
      } else {
        Waiting w = new Waiting(loop, task, arrivals++);
        waiting.addLast(w);
        byLoop.computeIfAbsent(loop, l -> new ArrayDeque<>()).addLast(w);
        waitingCount++;
      }
    }
    if (runNow) {
      task.run();
    }
  }

  /**
   * Frees the slot of a finished request that ran on {@code freedOn}: the slot passes straight to a waiting request,
   * if any (see the class comment for which one).
   */
  public void release(Executor freedOn) {
    Waiting next;
    synchronized (this) {
      next = take(freedOn);
      if (next == null) {
        inFlight--;
      }
    }
    if (next != null) {
      next.loop.execute(next.task);
    }
  }

  /** The request that gets a slot freed on {@code freedOn}, removed from the queues; null when none waits. */
  private Waiting take(Executor freedOn) {
    Waiting oldest = head(waiting);
    if (oldest == null) {
      return null;
    }
    ArrayDeque<Waiting> sameLoop = byLoop.get(freedOn);
    Waiting local = sameLoop == null ? null : head(sameLoop);
    Waiting chosen = local != null && local.arrival - oldest.arrival <= maxInFlight ? local : oldest;
    chosen.taken = true;
    waitingCount--;
    if (chosen == oldest) {
      waiting.pollFirst();
    } else {
      sameLoop.pollFirst();
    }
    return chosen;
  }

  /** The first request of {@code queue} not yet taken through the other queue, dropping those that were. */
  private static Waiting head(ArrayDeque<Waiting> queue) {
    Waiting w;
    while ((w = queue.peekFirst()) != null && w.taken) {
      queue.pollFirst();
    }
    return w;
  }

  /** Requests holding a slot now. */
  public synchronized int inFlight() {
    return inFlight;
  }

  /** Requests waiting for a slot now. */
  public synchronized int waiting() {
    return waitingCount;
  }
}
