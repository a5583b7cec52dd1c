package io.github.gatlingllm.suite.conversation;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the users of one multi-round run share: the schedule, the load's start (the first user's arrival, the origin
 * of the original's summaries) and counters of what did not go to plan. Counters are updated from event loops
 * (adders, never a lock) and read by the reports on their own threads.
 */
public final class ConversationRun {
  private final ConversationSchedule schedule;
  private final ConversationScript script;
  private final double userLagSeconds;
  private final int maxInputLen;
  private final long durationNanos;
  private final AtomicLong loadStartNanos = new AtomicLong(Long.MIN_VALUE);
  private final LongAdder lateRequests = new LongAdder();
  private final LongAdder lateUsers = new LongAdder();
  private final LongAdder trimmedRounds = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder answered = new LongAdder();

  /**
   * @param userLagSeconds the least time a user waits after an answer before its next question
   * @param maxInputLen the most tokens a request's history may hold (older rounds are dropped), 0 for no limit
   * @param durationSeconds no request starts later than this after the load's start (requests in flight finish);
   *     {@link Double#POSITIVE_INFINITY} for none
   */
  public ConversationRun(
      ConversationSchedule schedule,
      ConversationScript script,
      double userLagSeconds,
      int maxInputLen,
      double durationSeconds) {
    if (userLagSeconds < 0 || Double.isNaN(userLagSeconds)) {
      throw new IllegalArgumentException("userLag: expected >= 0 seconds, got " + userLagSeconds);
    }
    if (maxInputLen < 0) {
      throw new IllegalArgumentException("maxInputLen: expected >= 0 tokens (0 = no limit), got " + maxInputLen);
    }
    this.schedule = schedule;
    this.script = script;
    this.userLagSeconds = userLagSeconds;
    this.maxInputLen = maxInputLen;
    if (!(durationSeconds > 0)) {
      throw new IllegalArgumentException("duration: expected > 0 seconds, got " + durationSeconds);
    }
    this.durationNanos = Double.isInfinite(durationSeconds) ? Long.MAX_VALUE : Math.round(durationSeconds * 1e9);
  }

  /** Whether a request starting at {@code nanos} would start after the run's duration. */
  boolean over(long nanos) {
    long start = loadStartNanos.get();
    return durationNanos != Long.MAX_VALUE && start != Long.MIN_VALUE && nanos - start >= durationNanos;
  }

  public ConversationSchedule schedule() {
    return schedule;
  }

  ConversationScript script() {
    return script;
  }

  double userLagSeconds() {
    return userLagSeconds;
  }

  int maxInputLen() {
    return maxInputLen;
  }

  /** A user arrives: the first arrival is the load's start. */
  void userArrived(long nowNanos) {
    loadStartNanos.compareAndSet(Long.MIN_VALUE, nowNanos);
  }

  /** {@link System#nanoTime()} of the first user's arrival, or {@link Long#MIN_VALUE} before it. */
  public long loadStartNanos() {
    return loadStartNanos.get();
  }

  void lateRequest(boolean firstForUser) {
    lateRequests.increment();
    if (firstForUser) {
      lateUsers.increment();
    }
  }

  void requestSent() {
    sent.increment();
  }

  void requestAnswered() {
    answered.increment();
  }

  /** Requests sent and not answered yet (the original's "Requests on-the-fly"). */
  public long pending() {
    return Math.max(0, sent.sum() - answered.sum());
  }

  void trimmedRound() {
    trimmedRounds.increment();
  }

  /** Requests sent after their slot because the previous answer (plus the user lag) came too late. */
  public long lateRequests() {
    return lateRequests.sum();
  }

  /** Users that missed at least one slot. */
  public long lateUsers() {
    return lateUsers.sum();
  }

  /** Old question/answer pairs dropped from histories to stay under {@code maxInputLen}. */
  public long trimmedRounds() {
    return trimmedRounds.sum();
  }
}
