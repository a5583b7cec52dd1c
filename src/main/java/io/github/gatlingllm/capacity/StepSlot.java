package io.github.gatlingllm.capacity;

import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RunStatistics;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One step scenario of a capacity search or sweep: declared before the run (Gatling's populations are fixed then),
 * given its load only when its first user arrives, after the previous step has been judged. Holds the step's counters
 * (touched by Gatling's threads: atomics only, nothing blocks) and its statistics (written by the statistics thread,
 * read by the search's thread once the step is over, both under this object's lock).
 */
final class StepSlot {
  /** What the step sends, fixed when the step is decided. */
  record Plan(
      StepLoad load,
      StepPhase phase,
      int requests,
      int warmUps,
      double[] arrivalSeconds,
      long originNanos,
      long deadlineNanos,
      StepWatch watch,
      RunStatistics statistics) {

    /** Measured requests planned, or -1 when the step runs for a duration with an unknown count. */
    int plannedMeasured() {
      return requests < 0 ? -1 : requests - warmUps;
    }
  }

  final int index;
  final String scenario;
  final AtomicBoolean reached = new AtomicBoolean();
  final AtomicInteger users = new AtomicInteger();
  final AtomicInteger nextRequest = new AtomicInteger();
  final AtomicInteger started = new AtomicInteger();
  final AtomicInteger finished = new AtomicInteger();
  final AtomicInteger measuredSent = new AtomicInteger();
  final AtomicInteger recorded = new AtomicInteger();
  final AtomicLong worstLatenessNanos = new AtomicLong();
  /** Requests (warm-ups included) that ended between the warm-up's end and the deadline of a step of a duration. */
  private volatile SteadyRate window;
  private volatile Plan plan;
  private volatile boolean skipped;
  private volatile String stopReason;
  private boolean judged;

  StepSlot(int index, String scenario) {
    this.index = index;
    this.scenario = scenario;
  }

  Plan plan() {
    return plan;
  }

  void start(Plan decided) {
    window = decided.deadlineNanos() != 0 ? new SteadyRate(decided.originNanos()) : null;
    plan = decided;
  }

  void skip() {
    skipped = true;
  }

  /** Whether users must still wait for the step's load. */
  boolean undecided() {
    return plan == null && !skipped;
  }

  void stop(String reason) {
    if (stopReason == null) {
      stopReason = reason;
    }
  }

  String stopReason() {
    return stopReason;
  }

  boolean stopped() {
    return stopReason != null;
  }

  /** Reads a measured request of this step (statistics thread); false when the step is already judged. */
  synchronized boolean add(RequestRecord r) {
    Plan p = plan;
    if (p == null || judged) {
      return false;
    }
    p.statistics().add(r);
    p.watch().add(r);
    recorded.incrementAndGet();
    String reason = p.watch().reason();
    if (reason != null) {
      stop(reason);
    }
    return true;
  }

  /** Marks the step judged, once; false when it already was (or never ran). */
  synchronized boolean judge() {
    if (plan == null || judged) {
      return false;
    }
    judged = true;
    return true;
  }

  /**
   * Lets go of what only the running step needed, its statistics (up to the exact stores' limits) and its arrival
   * schedule, once it is judged: a search keeps one summary per finished step, not every step's samples.
   */
  synchronized void release() {
    Plan p = plan;
    if (p != null && judged) {
      plan = new Plan(p.load(), p.phase(), p.requests(), p.warmUps(), null, p.originNanos(), p.deadlineNanos(),
          p.watch(), null);
    }
  }

  synchronized boolean judged() {
    return judged;
  }

  /** A request ended at {@code now}: counted when inside the steady window of a step with a deadline. */
  void noteEnd(long now, long warmUpNanos) {
    Plan p = plan;
    SteadyRate w = window;
    if (p != null && w != null && now - (p.originNanos() + warmUpNanos) >= 0 && now - p.deadlineNanos() <= 0) {
      w.add(now);
    }
  }

  /** The steady window's completions per second ({@link SteadyRate}), or NaN for a step without a deadline. */
  double windowRate() {
    SteadyRate w = window;
    return w == null ? Double.NaN : w.perSecond();
  }

  void noteLateness(long nanos) {
    worstLatenessNanos.accumulateAndGet(nanos, Math::max);
  }
}
