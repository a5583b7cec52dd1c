package io.github.gatlingllm.javaapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.github.gatlingllm.action.ScheduledStart;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A schedule of any length in a bounded number of injection steps, each user held until its own arrival. */
class ArrivalsTest {

  private static long users(OpenInjectionStep[] steps) {
    long n = 0;
    for (OpenInjectionStep step : steps) {
      n += step.asScala().users();
    }
    return n;
  }

  /** Gatling's own start times for the steps, in nanoseconds after the injection's start, as its injector walks them. */
  private static long[] gatlingStarts(OpenInjectionStep[] steps) {
    scala.collection.Iterator<scala.concurrent.duration.FiniteDuration> it = scala.collection.Iterator.empty();
    for (int i = steps.length - 1; i >= 0; i--) {
      it = steps[i].asScala().chain(it);
    }
    java.util.List<Long> starts = new java.util.ArrayList<>();
    while (it.hasNext()) {
      starts.add(it.next().toNanos());
    }
    return starts.stream().mapToLong(Long::longValue).toArray();
  }

  @Test
  void aDayOfArrivalsIsInjectedInAtMostSixtyFourStepsWithEveryUser() {
    // A day at 2 requests/s: 172,800 arrivals, which one step per arrival would chain ~345,000 deep.
    Arrivals arrivals = Arrivals.of(ArrivalSchedule.gamma(172_800, 2.0, 1.0, 0));
    OpenInjectionStep[] steps = arrivals.injection();
    assertTrue(steps.length <= Arrivals.MAX_WINDOWS, steps.length + " steps");
    assertEquals(172_800, users(steps));
    // A window is 1,350 s (a day in 64): no user starts more than one window ahead of its arrival.
    assertTrue(arrivals.leadNanos() <= 1_350_000_000_000L, arrivals.leadNanos() + " ns");
  }

  @Test
  void aShortScheduleStartsEachUserAtItsOwnArrival() {
    Arrivals arrivals = Arrivals.of(new double[] {0.5, 0.5, 1.25, 3.0});
    assertEquals(List.of(500_000_000L, 500_000_000L, 1_250_000_000L, 3_000_000_000L),
        java.util.Arrays.stream(gatlingStarts(arrivals.injection())).boxed().toList());
    assertEquals(0, arrivals.leadNanos());
    long start = 1_000_000_000_000L; // the first user starts at the first arrival, 0.5 s into the injection
    // Every arrival is due the lead after the schedule says, so that the first user is let go ahead of it too.
    long zero = start + ScheduledStart.PREPARE_AHEAD_NANOS;
    assertEquals(zero, arrivals.dueNanos(start));
    assertEquals(zero, arrivals.dueNanos(start + 1_000), "the same arrival time: due together");
    assertEquals(zero + 750_000_000L, arrivals.dueNanos(start + 2_000));
    assertEquals(zero + 2_500_000_000L, arrivals.dueNanos(start + 3_000));
    long late = start + 9_000_000_000L;
    assertEquals(late, arrivals.dueNanos(late), "a user beyond the schedule goes at once");
  }

  @Test
  void aLongScheduleIsDueFromTheInjectionsStartPlusTheLead() {
    double[] seconds = ArrivalSchedule.gamma(1_000, 100.0, 1.0, 3); // the last at 10.0 s: 11 windows of 1 s
    Arrivals arrivals = Arrivals.of(seconds);
    assertEquals(11, arrivals.injection().length);
    long[] starts = gatlingStarts(arrivals.injection());
    long start = 1_000_000_000_000L + starts[0]; // the first user starts starts[0] into the injection
    long zero = start - starts[0] + arrivals.leadNanos() + ScheduledStart.PREPARE_AHEAD_NANOS;
    assertEquals(zero + Math.round(seconds[0] * 1e9), arrivals.dueNanos(start));
    assertEquals(zero + Math.round(seconds[1] * 1e9), arrivals.dueNanos(start + 1_000));
  }

  @Test
  void noUserStartsAfterItsArrivalOnceTheScheduleIsShiftedByTheLead() {
    double[] seconds = ArrivalSchedule.gamma(10_000, 50.0, 0.5, 7); // bursty: gaps far from even
    Arrivals arrivals = Arrivals.of(seconds);
    long[] starts = gatlingStarts(arrivals.injection());
    assertEquals(10_000, starts.length);
    long lead = arrivals.leadNanos();
    long latest = Long.MIN_VALUE;
    for (int i = 0; i < starts.length; i++) {
      long late = starts[i] - Math.round(seconds[i] * 1e9) - lead;
      assertTrue(late <= 0, "user " + i + " starts " + late + " ns after its arrival");
      latest = Math.max(latest, late);
    }
    assertEquals(0, latest, "the lead is the smallest that works: some user starts right at its arrival");
    // 200 s in 64 windows of 4 s: the lead is at most one window.
    assertTrue(lead <= 4_000_000_000L, lead + " ns");
  }

  @Test
  void aScheduleOfNoArrivalsInjectsNobody() {
    Arrivals arrivals = Arrivals.of(new double[0]);
    assertEquals(0, arrivals.injection().length);
    assertEquals(0, arrivals.leadNanos());
  }

  @Test
  void aScheduleThatGoesBackInTimeIsRefusedByName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Arrivals.of(new double[] {1.0, 0.5}));
    assertTrue(e.getMessage().contains("arrival 1 is 0.5 after 1.0"), e.getMessage());
  }
}
