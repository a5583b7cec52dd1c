package io.github.gatlingllm.javaapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.github.gatlingllm.action.ScheduledStart;
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

  @Test
  void aDayOfArrivalsIsInjectedInAFewHundredBatchesWithEveryUser() {
    // A day at 2 requests/s: 172,800 arrivals, which one step per arrival would chain ~345,000 deep.
    Arrivals arrivals = Arrivals.of(ArrivalSchedule.gamma(172_800, 2.0, 1.0, 0));
    OpenInjectionStep[] steps = arrivals.injection();
    assertTrue(steps.length <= 2 * Arrivals.MAX_BATCHES, steps.length + " steps");
    assertEquals(172_800, users(steps));
    assertEquals(346, arrivals.batchSize());
  }

  @Test
  void usersTakeTheArrivalsInOrderFromTheFirstUsersStart() {
    Arrivals arrivals = Arrivals.of(new double[] {0.5, 0.5, 1.25, 3.0});
    long start = 1_000_000_000_000L; // the first user starts at the first arrival, 0.5 s into the schedule
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
  void noUserIsInjectedAfterItsArrival() {
    double[] seconds = ArrivalSchedule.gamma(10_000, 50.0, 0.5, 7);
    Arrivals arrivals = Arrivals.of(seconds);
    OpenInjectionStep[] steps = arrivals.injection();
    // Walk the steps: each batch starts at or before its first arrival (rounded down to the millisecond).
    long atMillis = 0;
    int user = 0;
    for (OpenInjectionStep step : steps) {
      var scala = step.asScala();
      if (scala.users() == 0) {
        atMillis += scala.duration().toMillis();
      } else {
        assertTrue(atMillis <= seconds[user] * 1000, "batch at " + atMillis + " ms, arrival " + seconds[user]);
        user += (int) scala.users();
      }
    }
    assertEquals(10_000, user);
  }

  @Test
  void aScheduleThatGoesBackInTimeIsRefusedByName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Arrivals.of(new double[] {1.0, 0.5}));
    assertTrue(e.getMessage().contains("arrival 1 is 0.5 after 1.0"), e.getMessage());
  }
}
