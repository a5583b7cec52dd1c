package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.metrics.MetricsRecorder;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.report.PeriodicOutput;
import io.github.gatlingllm.report.RunOrigin;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicOutputsTest {

  @Test
  void eachPeriodSeesTheFinishedRecordsAndTheRequestsInFlightAndAFailureDoesNotStopIt() throws Exception {
    MetricsRecorder recorder = new MetricsRecorder();
    RequestRecord done = new RequestRecord("r");
    done.sent(1);
    done.chunk(2);
    done.ended(3);
    recorder.record(done);
    List<PeriodicOutput.Snapshot> seen = new CopyOnWriteArrayList<>();
    CountDownLatch twoGood = new CountDownLatch(2);
    AtomicInteger calls = new AtomicInteger();
    PeriodicOutput output =
        now -> {
          if (calls.incrementAndGet() == 1) {
            throw new IllegalStateException("the first period fails");
          }
          seen.add(now);
          twoGood.countDown();
        };
    PeriodicOutputs running =
        PeriodicOutputs.start(
            List.of(new ScheduledOutput(Duration.ofMillis(20), output)), recorder, () -> 4, RunOrigin.now());
    try {
      assertTrue(twoGood.await(20, TimeUnit.SECONDS), "two periods ran after a failing one");
    } finally {
      running.stop();
    }
    assertEquals(1, seen.get(0).records().size());
    assertEquals(3, seen.get(0).inFlight(), "4 started, 1 finished");
  }

  @Test
  void noOutputsStartNoThread() {
    assertEquals(null, PeriodicOutputs.start(List.of(), new MetricsRecorder(), () -> 0, RunOrigin.now()));
  }
}
