package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.report.PeriodicOutput;
import io.github.gatlingllm.report.RunOrigin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Periodic outputs on a fake clock: each call sees the requests finished since its previous call, and no more. */
class PeriodicOutputsTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void eachCallSeesWhatFinishedSinceTheLastAndAFailureDoesNotStopIt() {
    List<PeriodicOutput.Snapshot> seen = new ArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    PeriodicOutput output =
        now -> {
          if (calls.incrementAndGet() == 1) {
            throw new IllegalStateException("the first period fails");
          }
          seen.add(now);
        };
    PeriodicOutputs outputs =
        new PeriodicOutputs(List.of(new ScheduledOutput(Duration.ofSeconds(1), output)), 0, RunOrigin.now());
    RequestRecord a = new RequestRecord("a");
    RequestRecord b = new RequestRecord("b");
    outputs.add(a);
    outputs.tickDue(SECOND / 2, 7);
    assertEquals(0, calls.get(), "not due yet");
    outputs.tickDue(SECOND, 7); // due: fails, and its records are gone with that period
    outputs.add(b);
    outputs.tickDue(2 * SECOND, 3);
    assertEquals(1, seen.size());
    assertEquals(1, seen.get(0).records().size());
    assertSame(b, seen.get(0).records().get(0));
    assertEquals(3, seen.get(0).inFlight());
    outputs.tickDue(3 * SECOND, 0);
    assertTrue(seen.get(1).records().isEmpty(), "nothing finished in that period");
  }

  @Test
  void aLateCallSkipsThePeriodsItMissedRatherThanBursting() {
    AtomicInteger calls = new AtomicInteger();
    PeriodicOutputs outputs =
        new PeriodicOutputs(
            List.of(new ScheduledOutput(Duration.ofSeconds(1), now -> calls.incrementAndGet())), 0, RunOrigin.now());
    outputs.tickDue(5 * SECOND + 1, 0);
    outputs.tickDue(5 * SECOND + 2, 0);
    assertEquals(1, calls.get());
    outputs.tickDue(6 * SECOND, 0);
    assertEquals(2, calls.get());
  }
}
