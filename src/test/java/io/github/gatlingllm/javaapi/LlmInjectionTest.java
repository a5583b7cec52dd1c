package io.github.gatlingllm.javaapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatling.javaapi.core.OpenInjectionStep;
import org.junit.jupiter.api.Test;

class LlmInjectionTest {

  @Test
  void arrivalsBecomePausesAndUsersRoundedOnTheAbsoluteTime() {
    // 0.0004 s and 0.0002 s share ms 0; 0.0015 s rounds to ms 2; 0.0026 s to ms 3; 1.0 s to ms 1000
    OpenInjectionStep[] steps = LlmInjection.fromArrivals(new double[] {0.0002, 0.0004, 0.0015, 0.0026, 1.0});
    // atOnce(2) at 0, pause 2 ms, atOnce(1), pause 1 ms, atOnce(1), pause 997 ms, atOnce(1)
    assertEquals(7, steps.length);
    assertEquals(5, userCount(steps));
  }

  @Test
  void anInfiniteRateIsOneStepOfAllUsers() {
    assertEquals(1, LlmInjection.requests(1000, Double.POSITIVE_INFINITY, 1, 0).length);
  }

  @Test
  void aFiniteRateInjectsExactlyNUsers() {
    assertEquals(1000, userCount(LlmInjection.requests(1000, 20, 1, 0)));
  }

  private static long userCount(OpenInjectionStep[] steps) {
    long users = 0;
    for (OpenInjectionStep step : steps) {
      users += step.asScala().users();
    }
    return users;
  }
}
