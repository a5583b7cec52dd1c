package io.github.gatlingllm.javaapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.util.Optional;
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

  @Test
  void aRampInjectsExactlyNUsers() {
    assertEquals(777, userCount(LlmInjection.ramp(777, RampUp.exponential(1, 50), 1, 0)));
    assertEquals(
        500, userCount(LlmInjection.requests(500, Double.POSITIVE_INFINITY, 1, 0, Optional.of(RampUp.linear(5, 9)))));
    assertEquals(500, userCount(LlmInjection.requests(500, 20, 1, 0, Optional.empty())));
  }

  @Test
  void aRampWithAFiniteRateIsRejectedAsInVllm() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LlmInjection.requests(10, 20, 1, 0, Optional.of(RampUp.linear(1, 5))));
    assertTrue(e.getMessage().contains("leave the request rate unset"), e.getMessage());
  }

  private static long userCount(OpenInjectionStep[] steps) {
    long users = 0;
    for (OpenInjectionStep step : steps) {
      users += step.asScala().users();
    }
    return users;
  }
}
