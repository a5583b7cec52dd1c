package io.github.gatlingllm.suite.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversationUserTest {
  private static final long SECOND = 1_000_000_000L;

  /** Opening "O<id> " of 100 tokens, question n "Q<n>" of 10 tokens, answers of up to 50 tokens. */
  private static final ConversationScript SCRIPT =
      new ConversationScript() {
        @Override
        public Turn opening(long userId) {
          return new Turn("O" + userId + " ", 100);
        }

        @Override
        public Turn question(long userId, int number) {
          return new Turn("Q" + number, 10);
        }

        @Override
        public int maxTokens(long userId, int number) {
          return 50;
        }
      };

  /** Users send every 2 s (4 users at 2 qps). */
  private static ConversationRun run(double userLagSeconds, int maxInputLen) {
    return new ConversationRun(
        new ConversationSchedule(4, 5, 2.0, 0), SCRIPT, userLagSeconds, maxInputLen, Double.POSITIVE_INFINITY);
  }

  private static String content(List<Map<String, Object>> messages, int i) {
    return (String) messages.get(i).get("content");
  }

  @Test
  void eachRoundSendsTheWholeHistoryWithTheRealAnswers() {
    ConversationRun run = run(0, 0);
    ConversationUser user = new ConversationUser(run, new ConversationStart(7, 0, 0, 3, 1));
    List<Map<String, Object>> first = user.ask(0);
    assertEquals(List.of(Map.of("role", "user", "content", "O7 Q1")), first);
    assertEquals(1, user.round());
    assertEquals(50, user.maxTokens());
    user.answered("answer one", 2, SECOND / 2);

    List<Map<String, Object>> second = user.ask(2 * SECOND);
    assertEquals(3, second.size());
    assertEquals("answer one", content(second, 1));
    assertEquals("assistant", second.get(1).get("role"));
    assertEquals("Q2", content(second, 2));
    assertEquals(2, user.round());
    assertEquals(1, first.size(), "a sent history is a snapshot");
    assertEquals(1, run.pending());
  }

  @Test
  void theNextRequestWaitsForItsSlotOrTheUserLag() {
    ConversationUser onTime = new ConversationUser(run(0, 0), new ConversationStart(1, 0, 0, 3, 1));
    onTime.ask(0);
    assertEquals(Duration.ofMillis(1500), onTime.answered("a", 1, SECOND / 2), "slot at 2 s, answered at 0.5 s");

    ConversationRun lagged = run(3.0, 0);
    ConversationUser slow = new ConversationUser(lagged, new ConversationStart(1, 0, 0, 3, 1));
    slow.ask(0);
    assertEquals(Duration.ofSeconds(3), slow.answered("a", 1, SECOND / 2), "the lag pushes it past the slot");
    assertEquals(1, lagged.lateRequests());
  }

  @Test
  void lateAnswersAreCountedPerRequestAndPerUser() {
    ConversationRun run = run(0, 0);
    ConversationUser user = new ConversationUser(run, new ConversationStart(1, 0, 0, 4, 1));
    user.ask(0);
    assertEquals(Duration.ZERO, user.answered("a", 1, 3 * SECOND), "late: send at once");
    user.ask(3 * SECOND);
    assertEquals(Duration.ZERO, user.answered("b", 1, 6 * SECOND));
    assertEquals(2, run.lateRequests());
    assertEquals(1, run.lateUsers());
  }

  @Test
  void theLastRoundDoesNotWait() {
    ConversationUser user = new ConversationUser(run(0, 0), new ConversationStart(1, 0, 0, 1, 1));
    user.ask(0);
    assertEquals(Duration.ZERO, user.answered("a", 1, 1));
  }

  @Test
  void aFailedRoundLeavesItsQuestionOutOfTheHistory() {
    ConversationRun run = run(0, 0);
    ConversationUser user = new ConversationUser(run, new ConversationStart(3, 0, 0, 3, 1));
    user.ask(0);
    user.answered("", 0, 1);
    assertEquals(0, run.pending(), "a failed request is not in flight any more");
    List<Map<String, Object>> next = user.ask(2 * SECOND);
    assertEquals(List.of(Map.of("role", "user", "content", "O3 Q2")), next, "the opening comes again, question 2");
  }

  @Test
  void steadyStateUsersStartAtTheirQuestionNumber() {
    ConversationUser user = new ConversationUser(run(0, 0), new ConversationStart(2, 0, 0.5, 1, 3));
    assertEquals(Duration.ofMillis(500), user.arrive(0));
    assertEquals("O2 Q3", content(user.ask(SECOND / 2), 0));
    assertEquals(1, user.round(), "its first request is round 1 of its own history");
  }

  @Test
  void historiesOverMaxInputLenDropTheirOldestRoundsButKeepTheOpening() {
    // opening+Q1 = 110, each later round adds a 40-token answer and a 10-token question
    ConversationRun run = run(0, 200);
    ConversationUser user = new ConversationUser(run, new ConversationStart(1, 0, 0, 5, 1));
    user.ask(0);
    user.answered("A1", 40, 1);
    assertEquals(3, user.ask(2 * SECOND).size(), "160 tokens fit");
    user.answered("A2", 40, 1);
    List<Map<String, Object>> third = user.ask(4 * SECOND);
    // 110 + 40 + 10 + 40 + 10 = 210 > 200: the oldest pair after the first exchange, (Q2, A2), goes
    assertEquals(List.of("O1 Q1", "A1", "Q3"), third.stream().map(m -> (String) m.get("content")).toList());
    assertEquals(1, run.trimmedRounds());
  }

  @Test
  void noRequestStartsAfterTheDuration() {
    ConversationRun run =
        new ConversationRun(new ConversationSchedule(4, 5, 2.0, 0), SCRIPT, 0, 0, 3.0); // gap 2 s, 3 s of load
    ConversationUser user = new ConversationUser(run, new ConversationStart(1, 0, 0, 5, 1));
    user.arrive(0);
    assertEquals(true, user.hasNextRound(0));
    user.ask(0);
    assertEquals(Duration.ofMillis(1500), user.answered("a", 1, SECOND / 2), "the slot at 2 s is within 3 s");
    assertEquals(true, user.hasNextRound(2 * SECOND));
    user.ask(2 * SECOND);
    assertEquals(Duration.ZERO, user.answered("b", 1, 2 * SECOND + SECOND / 2), "the slot at 4 s is after 3 s");
    assertEquals(false, user.hasNextRound(2 * SECOND + SECOND / 2));
    assertEquals(0, run.lateRequests());
  }
}
