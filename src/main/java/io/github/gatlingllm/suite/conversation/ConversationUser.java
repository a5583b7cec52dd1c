package io.github.gatlingllm.suite.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One simulated user's conversation, kept in its Gatling session: the history it sends (its questions and the
 * server's real answers), its schedule and its place in it. A user is one virtual user, so one thread at a time
 * touches it and it never has two requests in flight.
 *
 * <p>Each step is cheap (no tokenizing: token counts come from the script, prepared before the load, and from the
 * answers' output token counts).
 */
public final class ConversationUser {
  private final ConversationRun run;
  private final ConversationStart start;
  private final List<Map<String, Object>> history = new ArrayList<>();
  private final List<Integer> historyTokens = new ArrayList<>();
  private int sent;
  private int question;
  private long launchNanos;
  private boolean everLate;
  /** The next slot falls after the run's duration: this user asks nothing more. */
  private boolean outOfTime;

  public ConversationUser(ConversationRun run, ConversationStart start) {
    this.run = run;
    this.start = start;
    this.question = start.firstQuestion() - 1;
  }

  public long userId() {
    return start.userId();
  }

  /** Whether the user asks another question now: it has rounds left and the run's duration is not over. */
  public boolean hasNextRound(long nowNanos) {
    return sent < start.rounds() && !outOfTime && !run.over(nowNanos);
  }

  /** The user enters the run; returns how long to wait before the first request (its place in the schedule). */
  public java.time.Duration arrive(long nowNanos) {
    run.userArrived(nowNanos);
    return seconds(start.firstDelaySeconds());
  }

  /**
   * The next request: appends the next question to the history (after the opening when the history is empty) and
   * drops the oldest rounds after the first while the history is over {@code maxInputLen}.
   *
   * @return the messages to send (a snapshot: later rounds do not change it)
   */
  public List<Map<String, Object>> ask(long nowNanos) {
    sent++;
    question++;
    run.requestSent();
    launchNanos = nowNanos;
    Turn asked = run.script().question(start.userId(), question);
    String text = asked.text();
    int tokens = asked.tokens();
    if (history.isEmpty()) {
      Turn opening = run.script().opening(start.userId());
      text = opening.text() + text;
      tokens += opening.tokens();
    }
    history.add(Map.of("role", "user", "content", text));
    historyTokens.add(tokens);
    trimToMaxInput();
    return List.copyOf(history);
  }

  /** {@code max_tokens} for the question just asked. */
  public int maxTokens() {
    return run.script().maxTokens(start.userId(), question);
  }

  /** The round just asked, from 1 (this user's request count, the original CSV's {@code question_id}). */
  public int round() {
    return sent;
  }

  /**
   * The answer came (empty when the request failed: the question is then dropped from the history, so the next
   * round asks the next question on the history that worked).
   *
   * @param answer the generated text
   * @param answerTokens its token count (usage, else chunks)
   * @return how long to wait before the next request: until the next slot ({@code gap} after this request's launch)
   *     but at least {@code userLag} after this answer; zero after the last round or when the next request would
   *     start after the run's duration
   */
  public java.time.Duration answered(String answer, int answerTokens, long nowNanos) {
    run.requestAnswered();
    if (answer == null || answer.isEmpty()) {
      history.remove(history.size() - 1);
      historyTokens.remove(historyTokens.size() - 1);
    } else {
      history.add(Map.of("role", "assistant", "content", answer));
      historyTokens.add(answerTokens);
    }
    if (sent >= start.rounds()) {
      return java.time.Duration.ZERO;
    }
    long slot = launchNanos + nanos(run.schedule().userGapSeconds());
    long earliest = nowNanos + nanos(run.userLagSeconds());
    long next = Math.max(slot, earliest);
    if (run.over(next)) {
      outOfTime = true;
      return java.time.Duration.ZERO;
    }
    if (earliest > slot) {
      run.lateRequest(!everLate);
      everLate = true;
    }
    return java.time.Duration.ofNanos(Math.max(0, next - nowNanos));
  }

  private void trimToMaxInput() {
    int max = run.maxInputLen();
    if (max <= 0) {
      return;
    }
    // Keep the first exchange (its message holds the opening a prefix cache shares) and the new question; drop the
    // oldest later question/answer pairs, so the history still alternates user and assistant turns. A history
    // that is still too long then goes as it is: the server decides what to do with it.
    while (history.size() >= 5 && total() > max) {
      history.subList(2, 4).clear();
      historyTokens.subList(2, 4).clear();
      run.trimmedRound();
    }
  }

  private int total() {
    int sum = 0;
    for (int tokens : historyTokens) {
      sum += tokens;
    }
    return sum;
  }

  private static long nanos(double seconds) {
    return Math.round(seconds * 1e9);
  }

  private static java.time.Duration seconds(double seconds) {
    return java.time.Duration.ofNanos(nanos(seconds));
  }
}
