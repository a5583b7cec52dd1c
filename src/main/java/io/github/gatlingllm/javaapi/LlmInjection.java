package io.github.gatlingllm.javaapi;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Open-model injection profiles for LLM benchmarks, as Gatling injection steps: one virtual user per request.
 *
 * <pre>{@code
 * scn.injectOpen(LlmInjection.requests(1000, 20.0, 1.0, 0))   // 1000 requests, Poisson at 20 req/s
 * }</pre>
 */
public final class LlmInjection {
  private LlmInjection() {}

  /**
   * {@code n} requests arriving at {@code rate} per second with gamma-distributed gaps ({@link ArrivalSchedule}), or
   * all at once when the rate is infinite. Gatling schedules users at whole milliseconds: arrivals are rounded to the
   * nearest ms of their absolute time, so the rounding never accumulates.
   */
  public static OpenInjectionStep[] requests(int n, double rate, double burstiness, long seed) {
    if (Double.isInfinite(rate)) {
      return new OpenInjectionStep[] {atOnceUsers(n)};
    }
    return fromArrivals(ArrivalSchedule.gamma(n, rate, burstiness, seed));
  }

  /** Steps that start one user at each arrival time (seconds from the start, non-decreasing). */
  public static OpenInjectionStep[] fromArrivals(double[] arrivalSeconds) {
    List<OpenInjectionStep> steps = new ArrayList<>();
    long previousMillis = 0;
    int i = 0;
    while (i < arrivalSeconds.length) {
      long millis = Math.round(arrivalSeconds[i] * 1000);
      int sameMillisecond = 0;
      while (i < arrivalSeconds.length && Math.round(arrivalSeconds[i] * 1000) == millis) {
        sameMillisecond++;
        i++;
      }
      if (millis > previousMillis) {
        steps.add(nothingFor(Duration.ofMillis(millis - previousMillis)));
      }
      steps.add(atOnceUsers(sameMillisecond));
      previousMillis = millis;
    }
    return steps.toArray(new OpenInjectionStep[0]);
  }
}
