package io.github.gatlingllm.health;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The task that measures one event loop's lag ({@link LoopLag}): scheduled on the loop itself, it reschedules itself
 * after each run with the loop's own timer, so it costs one scheduled task per period and nothing else (the object is
 * its own {@link Runnable}; Netty allocates its timer entry).
 */
final class LoopLagProbe implements Runnable {
  private final EventExecutor loop;
  private final LoopLag lag;
  private volatile boolean stopped;
  private volatile ScheduledFuture<?> next;

  LoopLagProbe(EventExecutor loop, LoopLag lag) {
    this.loop = loop;
    this.lag = lag;
  }

  LoopLag lag() {
    return lag;
  }

  /** Schedules the first run, one period from now (from any thread). */
  void start(long firstDelayNanos) {
    next = loop.schedule(this, firstDelayNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void run() {
    if (stopped) {
      return;
    }
    long delay = lag.tick(System.nanoTime());
    if (!loop.isShuttingDown()) {
      next = loop.schedule(this, delay, TimeUnit.NANOSECONDS);
    }
  }

  /** No further run (from any thread; a run already under way finishes). */
  void stop() {
    stopped = true;
    ScheduledFuture<?> pending = next;
    if (pending != null) {
      pending.cancel(false);
    }
  }
}
