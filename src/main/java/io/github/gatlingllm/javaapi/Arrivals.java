package io.github.gatlingllm.javaapi;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.github.gatlingllm.action.ScheduledStart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How {@link LlmLoad} injects an open-model arrival schedule of any length, exact to the nanosecond: {@link #injection()} starts the users in at
 * most {@link #MAX_BATCHES} batches, and {@link #pace()}, first in the scenario, holds each user until its own
 * arrival time.
 *
 * <p>Why not one Gatling injection step per arrival: Gatling chains its steps into nested iterators, one level per
 * step, and its injector runs out of stack after a few thousand steps (a StackOverflowError, and the run stops
 * injecting), which a day-long soak reaches within minutes. A batch starts its users together at its first arrival
 * (no user ever starts after its arrival), so at most one batch of users waits at a time.
 *
 * <pre>{@code
 * Arrivals arrivals = Arrivals.of(ArrivalSchedule.gamma(100_000, 20.0, 1.0, 0));
 * scenario("load").exec(arrivals.pace()).exec(LlmDsl.chat("chat")...).injectOpen(arrivals.injection())
 * }</pre>
 *
 * <p>One schedule serves one scenario (it hands out its arrivals in order, once).
 */
final class Arrivals {
  /** The most injection batches: far below the few thousand steps Gatling's injector can chain. */
  static final int MAX_BATCHES = 500;

  /** The user's arrival, which its first LLM request also takes as its intended start. */
  private static final String DUE = ScheduledStart.ATTRIBUTE;
  private static final long NOT_STARTED = Long.MIN_VALUE;

  private final double[] seconds;
  private final int batch;
  private final AtomicInteger handedOut = new AtomicInteger();
  /** nanoTime of the schedule's zero, fixed by the first user to arrive. */
  private final AtomicLong originNanos = new AtomicLong(NOT_STARTED);

  private Arrivals(double[] arrivalSeconds) {
    for (int i = 1; i < arrivalSeconds.length; i++) {
      if (!(arrivalSeconds[i] >= arrivalSeconds[i - 1])) {
        throw new IllegalArgumentException(
            "Arrival times must be non-decreasing seconds from the start: arrival " + i + " is " + arrivalSeconds[i]
                + " after " + arrivalSeconds[i - 1]);
      }
    }
    this.seconds = arrivalSeconds.clone();
    this.batch = Math.max(1, (arrivalSeconds.length + MAX_BATCHES - 1) / MAX_BATCHES);
  }

  /** One user at each arrival time (seconds from the start, non-decreasing). */
  static Arrivals of(double[] arrivalSeconds) {
    return new Arrivals(arrivalSeconds);
  }

  int count() {
    return seconds.length;
  }

  /** The users, started in batches at each batch's first arrival (rounded down to Gatling's milliseconds). */
  OpenInjectionStep[] injection() {
    List<OpenInjectionStep> steps = new ArrayList<>();
    long previousMillis = 0;
    for (int first = 0; first < seconds.length; first += batch) {
      long millis = (long) Math.floor(seconds[first] * 1000);
      if (millis > previousMillis) {
        steps.add(nothingFor(Duration.ofMillis(millis - previousMillis)));
        previousMillis = millis;
      }
      steps.add(atOnceUsers(Math.min(batch, seconds.length - first)));
    }
    return steps.toArray(new OpenInjectionStep[0]);
  }

  /**
   * Holds each user until just before its arrival: the users take the arrivals in the order they start, and wait from
   * now until the schedule's zero (set by the first user) plus their arrival time, less
   * {@link ScheduledStart#PREPARE_AHEAD_NANOS}: what the scenario does before its request then happens ahead of the
   * arrival, and the request is sent at it.
   */
  ChainBuilder pace() {
    // Let go a little early: the user's request is built before its arrival and sent at it (ScheduledStart).
    return exec(session -> session.set(DUE, dueNanos(System.nanoTime())))
        .pause(
            session ->
                Duration.ofNanos(
                    Math.max(0, session.getLong(DUE) - ScheduledStart.PREPARE_AHEAD_NANOS - System.nanoTime())));
  }

  /** The nanoTime at which the next user should arrive; users past the schedule's end go at once. */
  long dueNanos(long now) {
    int i = handedOut.getAndIncrement();
    if (i >= seconds.length) {
      return now;
    }
    long origin = originNanos.get();
    if (origin == NOT_STARTED) {
      // The first user starts with the first batch, at the first arrival. The schedule is shifted by the lead so that
      // this user too is let go ahead of its arrival: the zero is that long ago, plus the lead.
      originNanos.compareAndSet(NOT_STARTED, now + ScheduledStart.PREPARE_AHEAD_NANOS - Math.round(seconds[0] * 1e9));
      origin = originNanos.get();
    }
    return origin + Math.round(seconds[i] * 1e9);
  }

  /** Users per injection batch. */
  int batchSize() {
    return batch;
  }
}
