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
  void aSlotFreedOnALoopGoesToARequestWaitingOnThatLoopWhoseUserHasTheConnection() {
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(2);
    ManualLoop a = new ManualLoop();
    ManualLoop b = new ManualLoop();
    List<String> ran = new ArrayList<>();
    limiter.submit(a, () -> ran.add("a1"));
    limiter.submit(b, () -> ran.add("b1"));
    limiter.submit(b, () -> ran.add("b2")); // the oldest waiting
    limiter.submit(a, () -> ran.add("a2"));

    limiter.release(a); // a1 ends on loop a: a2 waits on a, within 2 arrivals of b2
    assertEquals(1, a.tasks.size());
    assertEquals(0, b.tasks.size());
    a.tasks.remove(0).run();
    limiter.release(b); // b1 ends: b2, the only one left
    b.tasks.remove(0).run();
    assertEquals(List.of("a1", "b1", "a2", "b2"), ran);
    assertEquals(0, limiter.waiting());
    assertEquals(2, limiter.inFlight());
  }

  @Test
  void aRequestWaitingOnAnotherLoopIsPassedOverAtMostMaxInFlightTimes() {
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(1);
    ManualLoop a = new ManualLoop();
    ManualLoop b = new ManualLoop();
    List<String> ran = new ArrayList<>();
    limiter.submit(a, () -> ran.add("a0"));
    limiter.submit(b, () -> ran.add("b")); // the oldest waiting, on another loop
    for (int i = 1; i <= 3; i++) {
      String name = "a" + i;
      limiter.submit(a, () -> ran.add(name));
    }
    // Slots keep being freed on loop a: a1 (1 arrival after b) may pass b, a2 (2 after) may not.
    limiter.release(a);
    a.tasks.remove(0).run();
    limiter.release(a);
    assertEquals(1, b.tasks.size(), "b's turn: passed over once, the cap");
    b.tasks.remove(0).run();
    limiter.release(b);
    a.tasks.remove(0).run();
    limiter.release(a);
    a.tasks.remove(0).run();
    assertEquals(List.of("a0", "a1", "b", "a2", "a3"), ran);
    assertEquals(0, limiter.waiting());
  }

  @Test
  void rejectsANonPositiveCap() {
    assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimiter(0));
  }
}
