package io.github.gatlingllm.protocol;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * A cap on requests in flight across every virtual user (vLLM's {@code --max-concurrency}): arrivals beyond the cap
 * wait, in arrival order, on the client. The waiting time is not hidden: each request keeps its arrival time as its
 * intended start (docs/metrics.md, coordinated omission).
 *
 * <p>Used once when a request starts and once when it ends, from many event loops; the lock guards a few field
 * updates only (never I/O), so it is held for nanoseconds. A waiting task is handed back to its own event loop.
 */
public final class ConcurrencyLimiter {
  private final int maxInFlight;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private int inFlight;

  private record Waiting(Executor loop, Runnable task) {}

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
        waiting.addLast(new Waiting(loop, task));
      }
    }
    if (runNow) {
      task.run();
    }
  }

  /** Frees the slot of a finished request: the slot passes straight to the oldest waiting request, if any. */
  public void release() {
    Waiting next;
    synchronized (this) {
      next = waiting.pollFirst();
      if (next == null) {
        inFlight--;
      }
    }
    if (next != null) {
      next.loop.execute(next.task);
    }
  }

  /** Requests holding a slot now. */
  public synchronized int inFlight() {
    return inFlight;
  }

  /** Requests waiting for a slot now. */
  public synchronized int waiting() {
    return waiting.size();
  }
}
