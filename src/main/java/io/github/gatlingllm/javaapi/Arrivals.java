package io.github.gatlingllm.javaapi;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.github.gatlingllm.action.ScheduledStart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How {@link LlmLoad} injects an open-model arrival schedule of any length, exact to the nanosecond: {@link
 * #injection()} lets the users go in at most {@link #MAX_WINDOWS} windows of whole seconds, evenly within each window,
 * a little ahead of their arrivals (schedules of at most {@link #ONE_STEP_PER_ARRIVAL_UP_TO} arrivals: each user at its
 * own), and {@link #pace()}, first in the scenario, holds each user until its own arrival.
 *
 * <p>Why so few steps: Gatling chains its injection steps into nested iterators, each step adding its duration to
 * every later user's start, so a user costs one step of work per step before it, and one step per arrival overflows
 * the injector's stack after a few thousand. The batches this class used before (500 steps) cost 3.5 µs of the
 * injector's thread per user, spent once a second in one burst: 7 ms at 2,000 users/s, which, on a one-core client,
 * made sends late (BENCHMARKS.md, "Calibration"). A window is one ramp step; users within it start evenly, and the
 * schedule starts {@link #leadNanos()} after the injection, the most any user of Gatling's ramp would otherwise start
 * after its arrival, so that none does. Users that wait for their arrival are those of about one window at most.
 *
 * <pre>{@code
 * Arrivals arrivals = Arrivals.of(ArrivalSchedule.gamma(100_000, 20.0, 1.0, 0));
 * scenario("load").exec(arrivals.pace()).exec(LlmDsl.chat("chat")...).injectOpen(arrivals.injection())
 * }</pre>
 *
 * <p>One schedule serves one scenario (it hands out its arrivals in order, once).
 */
final class Arrivals {
  /** The most injection steps: each user costs Gatling's injector about one step's work per step before it. */
  static final int MAX_WINDOWS = 64;
  /**
   * Schedules up to this many arrivals get one step per arrival instead: each user starts at its own arrival (to the
   * millisecond), so no user waits long and the first ones are not sent while the others start, and their total cost
   * stays small (at most 256 steps before a user). A short replay's first sends were 3-6 ms late with windows.
   */
  static final int ONE_STEP_PER_ARRIVAL_UP_TO = 256;

  /** The user's arrival, which its first LLM request also takes as its intended start. */
  private static final String DUE = ScheduledStart.ATTRIBUTE;
  private static final long NOT_STARTED = Long.MIN_VALUE;

  private final double[] seconds;
  private final OpenInjectionStep[] steps;
  /** When Gatling lets the first user go, after the injection's start. */
  private final long firstStartNanos;
  /** How long after the injection's start the schedule's zero is: no user starts after its own arrival. */
  private final long leadNanos;
  private final AtomicInteger handedOut = new AtomicInteger();
  /** nanoTime of the schedule's zero, fixed by the first user to start. */
  private final AtomicLong originNanos = new AtomicLong(NOT_STARTED);

  private Arrivals(double[] arrivalSeconds) {
    for (int i = 1; i < arrivalSeconds.length; i++) {
      if (!(arrivalSeconds[i] >= arrivalSeconds[i - 1])) {
        throw new IllegalArgumentException(
            "Arrival times must be non-decreasing seconds from the start: arrival " + i + " is " + arrivalSeconds[i]
                + " after " + arrivalSeconds[i - 1]);
      }
    }
    if (arrivalSeconds.length > 0 && !(arrivalSeconds[0] >= 0)) {
      throw new IllegalArgumentException(
          "Arrival times must be seconds from the start, >= 0: arrival 0 is " + arrivalSeconds[0]);
    }
    this.seconds = arrivalSeconds.clone();
    this.steps = windows(seconds);
    long[] startsAndLead = startsAndLead(steps, seconds);
    this.firstStartNanos = startsAndLead[0];
    this.leadNanos = startsAndLead[1];
  }

  /** One user at each arrival time (seconds from the start, non-decreasing). */
  static Arrivals of(double[] arrivalSeconds) {
    return new Arrivals(arrivalSeconds);
  }

  int count() {
    return seconds.length;
  }

  /** The users: one ramp per window of whole seconds, evenly within it; at most {@link #MAX_WINDOWS} steps. */
  OpenInjectionStep[] injection() {
    return steps.clone();
  }

  private static OpenInjectionStep[] windows(double[] seconds) {
    if (seconds.length == 0) {
      return new OpenInjectionStep[0];
    }
    if (seconds.length <= ONE_STEP_PER_ARRIVAL_UP_TO) {
      return oneStepPerArrival(seconds);
    }
    long span = (long) Math.floor(seconds[seconds.length - 1]) + 1; // whole seconds holding every arrival
    long width = Math.max(1, (span + MAX_WINDOWS - 1) / MAX_WINDOWS);
    int count = (int) ((span + width - 1) / width);
    int[] users = new int[count];
    for (double s : seconds) {
      users[(int) Math.min(count - 1, (long) Math.floor(s) / width)]++;
    }
    List<OpenInjectionStep> out = new ArrayList<>(count);
    Duration window = Duration.ofSeconds(width);
    for (int n : users) {
      out.add(n == 0 ? nothingFor(window) : rampUsers(n).during(window));
    }
    return out.toArray(new OpenInjectionStep[0]);
  }

  /** Each user at its arrival's millisecond (rounded down, so never after it); arrivals in the same one together. */
  private static OpenInjectionStep[] oneStepPerArrival(double[] seconds) {
    List<OpenInjectionStep> out = new ArrayList<>();
    long previousMillis = 0;
    int i = 0;
    while (i < seconds.length) {
      long millis = (long) Math.floor(seconds[i] * 1000);
      int together = 1;
      while (i + together < seconds.length && (long) Math.floor(seconds[i + together] * 1000) == millis) {
        together++;
      }
      if (millis > previousMillis) {
        out.add(nothingFor(Duration.ofMillis(millis - previousMillis)));
        previousMillis = millis;
      }
      out.add(atOnceUsers(together));
      i += together;
    }
    return out.toArray(new OpenInjectionStep[0]);
  }

  /**
   * Walks Gatling's own start times for these steps (its injection iterator, as its injector will) against the
   * arrivals: the first user's start, and the most any user starts after its arrival (0 when none does).
   */
  private static long[] startsAndLead(OpenInjectionStep[] steps, double[] seconds) {
    scala.collection.Iterator<scala.concurrent.duration.FiniteDuration> starts = scala.collection.Iterator.empty();
    for (int i = steps.length - 1; i >= 0; i--) {
      starts = steps[i].asScala().chain(starts);
    }
    long first = 0;
    long lead = 0;
    for (int i = 0; i < seconds.length && starts.hasNext(); i++) {
      long start = starts.next().toNanos();
      if (i == 0) {
        first = start;
      }
      lead = Math.max(lead, start - Math.round(seconds[i] * 1e9));
    }
    return new long[] {first, lead};
  }

  /** How long after the injection's start the schedule's zero is (see the class comment). */
  long leadNanos() {
    return leadNanos;
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
      // The first user starts firstStartNanos into the injection: the injection started then, and the schedule's
      // zero is the lead after it, plus the time users are let go ahead of their arrivals.
      originNanos.compareAndSet(NOT_STARTED, now - firstStartNanos + leadNanos + ScheduledStart.PREPARE_AHEAD_NANOS);
      origin = originNanos.get();
    }
    return origin + Math.round(seconds[i] * 1e9);
  }
}
