package io.github.gatlingllm.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.mock.MockCapacity.Slo;
import io.github.gatlingllm.mock.MockCapacity.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link MockCapacity} on numbers worked by hand (the docs' example: 8 slots, TTFT 20 ms, ITL 5 ms + 0.5 ms per
 * stream, 20 output tokens), then its queueing claims against a plain discrete-event replay of B slots and a FIFO
 * queue with deterministic service.
 */
class MockCapacityTest {
  private static final double NONE = Double.NaN;
  private static final double EPS = 1e-6;

  private static MockCapacity docsExample(int slots) {
    MockConfig config = MockConfig.builder().batchSlots(slots).ttftMs(20).itlMs(5).itlPerActiveStreamMs(0.5).build();
    return MockCapacity.of(config, 0, 20);
  }

  @Test
  void serviceTimeAndSaturationOfTheDocsExample() {
    MockCapacity m = docsExample(8);
    assertEquals(20, m.prefillMs(), EPS);
    assertEquals(9, m.itlMs(8), EPS);
    assertEquals(191, m.serviceMs(8), EPS); // 20 + 19 x 9
    assertEquals(8000.0 / 191, m.saturationRate(), EPS); // 41.88 req/s
    // b(20 req/s) = 0.02 x (20 + 19 x 5) / (1 - 0.02 x 19 x 0.5) = 2.3 / 0.81, and it is a fixed point of b = λ S(b).
    double b = m.batchAt(20);
    assertEquals(2.3 / 0.81, b, EPS);
    assertEquals(b, 0.02 * m.serviceMs(b), EPS);
    assertEquals(8, m.batchAt(50), EPS, "the batch stops at B above saturation");
  }

  @Test
  void promptTokensLengthenThePrefill() {
    MockConfig config = MockConfig.builder().ttftMs(20).ttftPerPromptTokenMs(0.25).itlMs(5).batchSlots(4).build();
    MockCapacity m = MockCapacity.of(config, 100, 11);
    assertEquals(45, m.prefillMs(), EPS);
    assertEquals(95, m.serviceMs(4), EPS);
    assertEquals(4000.0 / 95, m.saturationRate(), EPS);
  }

  @Test
  void withoutSlotsTheBatchDivergesWhereEachStreamSlowsAllOthersTooMuch() {
    MockCapacity m = docsExample(0);
    assertEquals(1000 / 9.5, m.saturationRate(), EPS); // 1 / ((o - 1) x 0.5 ms)
    assertEquals(Double.POSITIVE_INFINITY, m.batchAt(106));
    MockCapacity flat = MockCapacity.of(MockConfig.defaults(), 0, 20);
    assertEquals(Double.POSITIVE_INFINITY, flat.saturationRate());
  }

  @Test
  void tpotLimitsTheBatchAndThroughLittleTheRate() {
    MockCapacity m = docsExample(8);
    assertEquals(5, m.tpotBatchLimit(7.5), EPS); // (7.5 - 5) / 0.5
    assertEquals(5000 / 162.5, m.tpotRateLimit(7.5), EPS); // 5 / (20 + 19 x 7.5) ms
    assertEquals(Double.POSITIVE_INFINITY, m.tpotRateLimit(9), "a full batch of 8 has ITL 9: always met");
    assertEquals(0, m.tpotRateLimit(5.2), "a lone request already has ITL 5.5");
    Step minute = new Step(60, 10);
    assertEquals(5000 / 162.5, m.rateCapacity(new Slo(99, NONE, 7.5), minute), EPS);
  }

  @Test
  void ttftAllowsSaturationInTheSteadyStateAndSomeOverloadInAShortStep() {
    MockCapacity m = docsExample(8);
    double saturation = 8000.0 / 191;
    assertEquals(saturation, m.rateCapacity(new Slo(99, 500, NONE), Step.steadyState()), EPS);
    // Measured from 10 s to 60 s: p99 arrives at 10 + 0.99 x 50 = 59.5 s and may wait 480 ms.
    Step minute = new Step(60, 10);
    assertEquals(59.5, minute.percentileArrivalSeconds(99), EPS);
    assertEquals(saturation * (1 + 0.48 / 59.5), m.rateCapacity(new Slo(99, 500, NONE), minute), EPS);
    assertEquals(saturation * (1 + 0.48 / 30), m.rateCapacity(new Slo(99, 500, NONE), 30), EPS);
    assertEquals(saturation, m.rateCapacity(new Slo(99, 500, NONE), Double.POSITIVE_INFINITY), EPS);
    assertEquals(0, m.rateCapacity(new Slo(99, 19, NONE), minute), "below the prefill, no rate meets it");
    assertEquals(5000 / 162.5, m.rateCapacity(new Slo(99, 500, 7.5), minute), EPS, "the tighter of both");
    assertEquals(Double.POSITIVE_INFINITY, docsExample(0).rateCapacity(new Slo(99, 500, NONE), minute), "no queue");
    assertEquals(Double.POSITIVE_INFINITY, m.rateCapacity(new Slo(99, NONE, NONE), minute));
  }

  @Test
  void closedLoopWaitsWholeRoundsOfTheFullBatch() {
    MockCapacity m = docsExample(8); // S(8) = 191, P = 20
    assertEquals(20, m.closedTtftMs(8, 99), EPS, "up to B users never wait");
    assertEquals(211, m.closedTtftMs(16, 99), EPS, "two users per slot: one round");
    // 20 users = 2 x 8 + 4: half of the requests wait two rounds, half one round.
    assertEquals(402, m.closedTtftMs(20, 99), EPS);
    assertEquals(211, m.closedTtftMs(20, 50), EPS);
    assertEquals(7, m.closedTpotMs(4), EPS);
    assertEquals(9, m.closedTpotMs(40), EPS, "the batch is capped at B");

    assertEquals(16, m.concurrencyCapacity(new Slo(99, 400, NONE))); // one round of wait fits in 380 ms
    assertEquals(20, m.concurrencyCapacity(new Slo(50, 400, NONE))); // p50 tolerates 4 of 8 waiting two rounds
    assertEquals(5, m.concurrencyCapacity(new Slo(99, NONE, 7.5)));
    assertEquals(MockCapacity.UNBOUNDED_USERS, m.concurrencyCapacity(new Slo(99, NONE, 9)));
    assertEquals(0, m.concurrencyCapacity(new Slo(99, NONE, 4)));
    assertEquals(5, m.concurrencyCapacity(new Slo(99, 400, 7.5)));
    assertEquals(0, m.concurrencyCapacity(new Slo(99, 19, NONE)));
  }

  @Test
  void closedLoopFormulaMatchesAReplayOfSlotsAndQueue() {
    for (int slots = 1; slots <= 6; slots++) {
      MockConfig config = MockConfig.builder().batchSlots(slots).ttftMs(7).itlMs(3).build();
      MockCapacity m = MockCapacity.of(config, 0, 5); // S = 7 + 4 x 3 = 19 ms
      for (int users = 1; users <= 25; users++) {
        List<Double> waits = replayClosedLoop(slots, users, m.serviceMs(slots), 100 * slots * users);
        double mean = waits.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertEquals(Math.max(0, (double) users / slots - 1) * m.serviceMs(slots), mean, EPS, slots + "/" + users);
        for (double percentile : new double[] {50, 90, 99, 100}) {
          assertEquals(m.closedTtftMs(users, percentile), m.prefillMs() + nearestRank(waits, percentile), EPS,
              slots + " slots, " + users + " users, p" + percentile);
        }
      }
      for (double percentile : new double[] {50, 90, 99}) {
        for (double ttft : new double[] {7, 30, 64, 100}) {
          Slo slo = new Slo(percentile, ttft, NONE);
          int largest = 0;
          for (int users = 1; users <= 200; users++) {
            if (m.closedTtftMs(users, percentile) <= ttft) {
              largest = users;
            }
          }
          assertEquals(largest, m.concurrencyCapacity(slo), slo + " with " + slots + " slots");
        }
      }
    }
  }

  @Test
  void openLoopNeverWaitsBelowSaturationAndMeetsTheTtftCapacityAtItsEdge() {
    int slots = 3;
    MockConfig config = MockConfig.builder().batchSlots(slots).ttftMs(10).itlMs(4).build();
    MockCapacity m = MockCapacity.of(config, 0, 11); // S = 50 ms, λ_sat = 60 req/s
    for (double rate : new double[] {10, 25.3, 44.4, 59.9}) {
      List<Double> waits = replayOpenLoop(slots, rate, m.serviceMs(slots), 60, 0);
      assertEquals(0, Collections.max(waits), EPS, rate + " req/s");
    }
    Slo slo = new Slo(99, 2010, NONE); // 2 s of queueing allowed
    Step step = new Step(60, 10);
    double capacity = m.rateCapacity(slo, step);
    assertTrue(capacity > m.saturationRate(), "a finite step tolerates some overload");
    // The fluid approximation is off by at most a round of S: the edge is sharp to a percent.
    assertTrue(m.prefillMs() + nearestRank(replayOpenLoop(slots, capacity * 0.99, 50, 60, 10), 99) <= slo.ttftMs());
    assertTrue(m.prefillMs() + nearestRank(replayOpenLoop(slots, capacity * 1.01, 50, 60, 10), 99) > slo.ttftMs());
  }

  @Test
  void badInputsNameTheValueAndWhatIsExpected() {
    MockConfig config = MockConfig.defaults();
    assertMessage("Invalid outputTokens 0: expected an integer >= 1", () -> MockCapacity.of(config, 0, 0));
    assertMessage("Invalid promptTokens -1: expected an integer >= 0", () -> MockCapacity.of(config, -1, 5));
    assertMessage("Invalid percentile 0.0: expected a number in (0, 100]", () -> new Slo(0, 100, NONE));
    assertMessage("Invalid ttftMs -5.0: expected a number of milliseconds > 0, or NaN for none",
        () -> new Slo(99, -5, NONE));
    assertMessage("Invalid measuredFromSeconds 60.0: expected a number in [0, 60.0)", () -> new Step(60, 60));
    assertMessage("Invalid percentileArrivalSeconds -1.0: expected seconds >= 0 (or infinite)",
        () -> MockCapacity.of(config, 0, 5).rateCapacity(new Slo(99, 100, NONE), -1));
    assertMessage("Invalid users 0: expected an integer >= 1", () -> MockCapacity.of(config, 0, 5).closedTpotMs(0));
  }

  private static void assertMessage(String expected, Runnable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call::run).getMessage());
  }

  /**
   * Waits (ms) of a closed loop with deterministic service: all users start at 0; each re-sends the moment its
   * response ends; the first round is dropped, the next {@code requests} kept.
   */
  private static List<Double> replayClosedLoop(int slots, int users, double serviceMs, int requests) {
    double[] free = new double[slots];
    ArrayDeque<Double> queue = new ArrayDeque<>();
    for (int u = 0; u < users; u++) {
      queue.add(0.0);
    }
    List<Double> waits = new ArrayList<>();
    for (int j = 0; j < users + requests; j++) {
      double arrival = queue.poll();
      int slot = earliest(free);
      double start = Math.max(arrival, free[slot]);
      free[slot] = start + serviceMs;
      queue.add(free[slot]);
      if (j >= users) {
        waits.add(start - arrival);
      }
    }
    return waits;
  }

  /** Waits (ms) of regular arrivals at {@code rate} for {@code seconds}, kept from {@code fromSeconds} on. */
  private static List<Double> replayOpenLoop(
      int slots, double rate, double serviceMs, double seconds, double fromSeconds) {
    double[] free = new double[slots];
    List<Double> waits = new ArrayList<>();
    for (long i = 0; i / rate < seconds; i++) {
      double arrival = 1000 * i / rate;
      int slot = earliest(free);
      double start = Math.max(arrival, free[slot]);
      free[slot] = start + serviceMs;
      if (arrival >= 1000 * fromSeconds) {
        waits.add(start - arrival);
      }
    }
    return waits;
  }

  private static int earliest(double[] free) {
    int best = 0;
    for (int i = 1; i < free.length; i++) {
      if (free[i] < free[best]) {
        best = i;
      }
    }
    return best;
  }

  private static double nearestRank(List<Double> values, double percentile) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100 * sorted.size() - 1e-9);
    return sorted.get(Math.max(0, rank - 1));
  }
}
