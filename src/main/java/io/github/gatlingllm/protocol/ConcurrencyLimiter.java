package io.github.gatlingllm.protocol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A cap on requests in flight across every virtual user (vLLM's {@code --max-concurrency}): arrivals beyond the cap
 * wait on the client. The waiting time is not hidden: each request keeps its arrival time as its intended start
 * (docs/metrics.md, coordinated omission).
 *
 * <p><b>Which waiting request gets a freed slot.</b> The oldest, as vLLM's semaphore does, among those due within
 * {@link #SAME_START_NANOS} of it; among those, the one waiting on the event loop with the fewest requests in flight,
 * the loop that freed the slot first on a tie. Why: the users of a load are spread over Gatling's event loops, each
 * with its own connection pool. Strict arrival order let whichever loop started its users first take every slot (a
 * closed load of N streams, all due at once: all N on one loop, the other loops idle), and each time that loop's
 * queue ran dry the N slots moved to the next loop, which opened N new connections during the measured load
 * (BENCHMARKS.md, "Calibration": L x N connections for L loops). Requests due together are equal in any order, so
 * they are spread evenly over the loops, and a slot freed on a loop stays there when the loops are even (its
 * connection is the one just released).
 *
 * <p>Used once when a request starts and once when it ends, from many event loops; the lock guards a few field
 * updates and a scan of the loops (a few, never I/O), so it is held briefly. A waiting task is handed back to its own
 * event loop.
 */
public final class ConcurrencyLimiter {
  /** Requests due this close together are served in any order: the ones that balance the loops. */
  static final long SAME_START_NANOS = 1_000_000L;

  private final int maxInFlight;
  /** Every waiting request in arrival order; those taken through {@link #loops} are skipped when reached. */
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private final Map<Executor, Loop> byExecutor = new HashMap<>();
  /** The same loops in a list, for the scan. */
  private final List<Loop> loops = new ArrayList<>();
  private int waitingCount;
  private int inFlight;

  private static final class Waiting {
    final Loop loop;
    final Runnable task;
    final long dueNanos;
    boolean taken;

    Waiting(Loop loop, Runnable task, long dueNanos) {
      this.loop = loop;
      this.task = task;
      this.dueNanos = dueNanos;
    }
  }

  /** One event loop's requests: those in flight, and those waiting in arrival order. */
  private static final class Loop {
    final Executor executor;
    final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    int inFlight;

    Loop(Executor executor) {
      this.executor = executor;
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

  /**
   * Runs {@code task} now when under the cap, else queues it to run on {@code loop} when a slot frees.
   *
   * @param dueNanos the request's intended start ({@link System#nanoTime()}): requests due together may be served in
   *     any order
   */
  public void submit(Executor loop, long dueNanos, Runnable task) {
    boolean runNow;
    synchronized (this) {
      Loop l = loopOf(loop);
      runNow = inFlight < maxInFlight;
      if (runNow) {
        inFlight++;
        l.inFlight++;
      } else {
        Waiting w = new Waiting(l, task, dueNanos);
        waiting.addLast(w);
        l.waiting.addLast(w);
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
      Loop freed = loopOf(freedOn);
      freed.inFlight--;
      next = take(freed);
      if (next == null) {
        inFlight--;
      } else {
        next.loop.inFlight++;
      }
    }
    if (next != null) {
      next.loop.executor.execute(next.task);
    }
  }

  private Loop loopOf(Executor executor) {
    Loop l = byExecutor.get(executor);
    if (l == null) {
      l = new Loop(executor);
      byExecutor.put(executor, l);
      loops.add(l);
    }
    return l;
  }

  /** The request that gets a freed slot, removed from the queues; null when none waits. */
  private Waiting take(Loop freed) {
    Waiting oldest = head(waiting);
    if (oldest == null) {
      return null;
    }
    Waiting chosen = oldest;
    int fewest = oldest.loop.inFlight;
    for (Loop l : loops) {
      Waiting h = head(l.waiting);
      if (h == null || h.dueNanos - oldest.dueNanos > SAME_START_NANOS) {
        continue;
      }
      if (l.inFlight < fewest || (l.inFlight == fewest && l == freed)) {
        chosen = h;
        fewest = l.inFlight;
      }
    }
    chosen.taken = true;
    waitingCount--;
    if (chosen == oldest) {
      waiting.pollFirst();
    } else {
      chosen.loop.waiting.pollFirst();
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
