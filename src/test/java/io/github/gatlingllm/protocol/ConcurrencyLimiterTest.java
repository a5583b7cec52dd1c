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
      limiter.submit(loop, 0, () -> ran.add(name));
    }
    assertEquals(List.of("a", "b"), ran);
    assertEquals(2, limiter.inFlight());
    assertEquals(2, limiter.waiting());

    limiter.release(loop); // a ends: c gets its slot, on its own loop
    assertEquals(1, loop.tasks.size());
    loop.tasks.remove(0).run();
    assertEquals(List.of("a", "b", "c"), ran);
    assertEquals(2, limiter.inFlight());

    limiter.release(loop);
    loop.tasks.remove(0).run();
    assertEquals(List.of("a", "b", "c", "d"), ran);
    limiter.release(loop);
    limiter.release(loop);
    assertEquals(0, limiter.inFlight());
    assertEquals(0, limiter.waiting());
  }

  @Test
  void requestsDueTogetherAreSpreadOverTheLoopsInsteadOfStayingWhereTheyStarted() {
    // A closed load: 4 slots, every request due at once, the users of loop a started first and took every slot.
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(4);
    ManualLoop a = new ManualLoop();
    ManualLoop b = new ManualLoop();
    List<String> ran = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String name = "a" + i;
      limiter.submit(a, 0, () -> ran.add(name));
    }
    for (int i = 0; i < 8; i++) {
      String name = "b" + i;
      limiter.submit(b, 0, () -> ran.add(name));
    }
    assertEquals(List.of("a0", "a1", "a2", "a3"), ran);

    // Slots freed on a go to b (fewer in flight) until the loops are even, then stay where they are freed.
    limiter.release(a);
    limiter.release(a);
    assertEquals(2, b.tasks.size(), "two slots moved to the idle loop");
    assertEquals(0, a.tasks.size());
    limiter.release(a); // even now (1 on a, 2 on b): a's own waiter
    assertEquals(1, a.tasks.size());
    limiter.release(b); // 2 on a, 1 on b: b's own
    assertEquals(3, b.tasks.size());
    b.tasks.forEach(Runnable::run);
    a.tasks.forEach(Runnable::run);
    assertEquals(List.of("a0", "a1", "a2", "a3", "b0", "b1", "b2", "a4"), ran);
    assertEquals(4, limiter.inFlight());
  }

  @Test
  void requestsDueApartKeepTheirArrivalOrderAcrossLoops() {
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(1);
    ManualLoop a = new ManualLoop();
    ManualLoop b = new ManualLoop();
    List<String> ran = new ArrayList<>();
    long ms = 1_000_000L;
    limiter.submit(a, 0, () -> ran.add("a0"));
    limiter.submit(b, 2 * ms, () -> ran.add("b")); // the oldest waiting, on the other loop
    limiter.submit(a, 4 * ms, () -> ran.add("a1")); // due 2 ms after b: not "together"

    limiter.release(a);
    assertEquals(1, b.tasks.size(), "b was due first: arrival order holds");
    assertEquals(0, a.tasks.size());
    b.tasks.remove(0).run();
    limiter.release(b);
    a.tasks.remove(0).run();
    assertEquals(List.of("a0", "b", "a1"), ran);
    assertEquals(0, limiter.waiting());
  }

  @Test
  void rejectsANonPositiveCap() {
    assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimiter(0));
  }
}
