package io.github.gatlingllm.javaapi;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Open-model injection profiles for LLM benchmarks, as Gatling injection steps: one virtual user per request.
 *
 * <pre>{@code
 * scn.injectOpen(LlmInjection.requests(1000, 20.0, 1.0, 0))   // 1000 requests, Poisson at 20 req/s
 * scn.injectOpen(LlmInjection.ramp(1000, RampUp.linear(1, 50), 1.0, 0))   // rate growing from 1 to 50 req/s
 * }</pre>
 *
 * <p>For the closed model (fixed concurrency levels run one after another), see {@link #concurrencySteps(int...)}.
 */
public final class LlmInjection {
  /** The most injection steps a schedule may make (Gatling's injector overflows its stack a few thousand beyond). */
  public static final int MAX_STEPS = 2_000;

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

  /**
   * The same schedule as {@link #requests(int, double, double, long, Optional)} for any number of requests: its
   * {@link Arrivals#injection()} to inject, and its {@link Arrivals#pace()} first in the scenario. All at once (no
   * wait) when the rate is infinite and there is no ramp.
   */
  public static Arrivals arrivals(int n, double rate, double burstiness, long seed, Optional<RampUp> ramp) {
    if (ramp.isPresent()) {
      if (!Double.isInfinite(rate)) {
        throw new IllegalArgumentException(
            "A ramp-up sets the request rate itself: leave the request rate unset (inf), got " + rate);
      }
      return Arrivals.of(ArrivalSchedule.ramp(n, ramp.get(), burstiness, seed));
    }
    return Arrivals.of(Double.isInfinite(rate) ? new double[n] : ArrivalSchedule.gamma(n, rate, burstiness, seed));
  }

  /**
   * As {@link #requests(int, double, double, long)}, or a ramp when one is given. As in vLLM, a ramp sets the rate
   * itself: combining it with a finite {@code rate} is an error.
   */
  public static OpenInjectionStep[] requests(
      int n, double rate, double burstiness, long seed, Optional<RampUp> ramp) {
    if (ramp.isEmpty()) {
      return requests(n, rate, burstiness, seed);
    }
    if (!Double.isInfinite(rate)) {
      throw new IllegalArgumentException(
          "A ramp-up sets the request rate itself: leave the request rate unset (inf), got " + rate);
    }
    return ramp(n, ramp.get(), burstiness, seed);
  }

  /**
   * {@code n} requests whose rate follows {@code ramp} over the request index (vLLM's {@code --ramp-up-strategy}):
   * request {@code i}'s gap is gamma-distributed with the rate {@code ramp.rateAt(i, n)} ({@link
   * ArrivalSchedule#ramp}).
   */
  public static OpenInjectionStep[] ramp(int n, RampUp ramp, double burstiness, long seed) {
    return fromArrivals(ArrivalSchedule.ramp(n, ramp, burstiness, seed));
  }

  /**
   * Fixed concurrency levels run one after another, each its own scenario and measured step: see {@link
   * ConcurrencySteps}.
   */
  public static ConcurrencySteps concurrencySteps(int... levels) {
    return ConcurrencySteps.levels(levels);
  }

  /**
   * Steps that start one user at each arrival time (seconds from the start, non-decreasing), one step per distinct
   * millisecond. Gatling's injector chains one stack level per step, so this is for schedules of up to
   * {@link #MAX_STEPS} steps (e.g. conversation users); longer ones fail here, by name, rather than with a
   * StackOverflowError minutes into the run: use {@link Arrivals}.
   */
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
    if (steps.size() > MAX_STEPS) {
      throw new IllegalArgumentException(
          arrivalSeconds.length + " arrivals make " + steps.size() + " Gatling injection steps, more than the "
              + MAX_STEPS + " its injector can chain: use LlmInjection.arrivals(...) (its injection() and pace())");
    }
    return steps.toArray(new OpenInjectionStep[0]);
  }
}
