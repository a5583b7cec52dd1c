package io.github.gatlingllm.health;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Where the event loops' lag probes and the GC listener publish the stalls they saw, for the one reader that judges
 * requests (the statistics thread). A stall is rare (one allocation each, never per tick), so a lock-free queue is
 * enough; nothing waits on it.
 */
final class StallLog {
  private final ConcurrentLinkedQueue<Stall> queue = new ConcurrentLinkedQueue<>();

  void publish(Stall stall) {
    queue.add(stall);
  }

  /** Hands every stall published so far to {@code sink}, on the caller's thread. */
  void drainTo(Consumer<Stall> sink) {
    Stall s;
    while ((s = queue.poll()) != null) {
      sink.accept(s);
    }
  }
}
