package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class ConcurrencyLimiterTest {

  /** Collects tasks handed to a "loop" so the test decides when they run. */
  private static final class ManualLoop implements Executor {
    final List<Runnable> tasks = new ArrayList<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }
  }

  @Test
  void runsUnderTheCapQueuesBeyondItAndHandsSlotsOverInArrivalOrder() {
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(2);
    ManualLoop loop = new ManualLoop();
    List<String> ran = new ArrayList<>();
    for (String name : List.of("a", "b", "c", "d")) {
      limiter.submit(loop, () -> ran.add(name));
    }
    assertEquals(List.of("a", "b"), ran);
    assertEquals(2, limiter.inFlight());
    assertEquals(2, limiter.waiting());

    limiter.release(); // a ends: c gets its slot, on its own loop
    assertEquals(1, loop.tasks.size());
    loop.tasks.remove(0).run();
    assertEquals(List.of("a", "b", "c"), ran);
    assertEquals(2, limiter.inFlight());

    limiter.release();
    loop.tasks.remove(0).run();
    assertEquals(List.of("a", "b", "c", "d"), ran);
    limiter.release();
    limiter.release();
    assertEquals(0, limiter.inFlight());
    assertEquals(0, limiter.waiting());
  }

  @Test
  void rejectsANonPositiveCap() {
    assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimiter(0));
  }
}
