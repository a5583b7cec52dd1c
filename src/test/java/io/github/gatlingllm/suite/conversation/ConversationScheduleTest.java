package io.github.gatlingllm.suite.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationScheduleTest {

  /** 4 users, 3 rounds, 4 qps: gap 1 s, lifetime 2 s, a user joins every 0.5 s. */
  private final ConversationSchedule schedule = new ConversationSchedule(4, 3, 4.0, 0);

  @Test
  void gapsFollowTheOriginal() {
    assertEquals(1.0, schedule.userGapSeconds(), 1e-12);
    assertEquals(2.0, schedule.lifetimeSeconds(), 1e-12);
    assertEquals(0.5, schedule.joinGapSeconds(), 1e-12);
  }

  @Test
  void theCohortStartsInASteadyStateAndJoinersFollow() {
    List<ConversationStart> starts = schedule.starts(schedule.defaultJoinWindowSeconds());
    // cohort user i is 2 - 0.5 i s into its session: user 1 (offset 2) has asked all 3 questions and is dropped,
    // user 2 (offset 1.5) asked 2 and asks #3 after 0.5 s, user 3 (offset 1) asked 2 and asks #3 after 1 s,
    // user 4 (offset 0.5) asked 1 and asks #2 after 0.5 s, then #3.
    assertEquals(new ConversationStart(2, 0, 0.5, 1, 3), starts.get(0));
    assertEquals(new ConversationStart(3, 0, 1.0, 1, 3), starts.get(1));
    assertEquals(new ConversationStart(4, 0, 0.5, 2, 2), starts.get(2));
    // one lifetime of joiners: 4, every 0.5 s from 0, each with every round
    assertEquals(new ConversationStart(5, 0.0, 0, 3, 1), starts.get(3));
    assertEquals(new ConversationStart(6, 0.5, 0, 3, 1), starts.get(4));
    assertEquals(new ConversationStart(7, 1.0, 0, 3, 1), starts.get(5));
    assertEquals(new ConversationStart(8, 1.5, 0, 3, 1), starts.get(6));
    assertEquals(7, starts.size());
    assertEquals(16, starts.stream().mapToInt(ConversationStart::rounds).sum());
  }

  @Test
  void initUserIdShiftsEveryId() {
    List<ConversationStart> starts = new ConversationSchedule(4, 3, 4.0, 1000).starts(1.75);
    assertEquals(1002, starts.get(0).userId());
    assertEquals(1008, starts.get(starts.size() - 1).userId());
  }

  @Test
  void aDurationKeepsUsersJoiningUntilItEnds() {
    List<ConversationStart> starts = schedule.starts(10.0);
    long joiners = starts.stream().filter(s -> s.firstQuestion() == 1).count();
    assertEquals(20, joiners, "one every 0.5 s during 10 s");
    assertTrue(starts.stream().allMatch(s -> s.arrivalSeconds() < 10.0));
  }

  @Test
  void singleRoundUsersArriveAtTheRate() {
    ConversationSchedule single = new ConversationSchedule(5, 1, 2.0, 0);
    assertEquals(0.5, single.joinGapSeconds(), 1e-12);
    List<ConversationStart> starts = single.starts(single.defaultJoinWindowSeconds());
    assertEquals(5, starts.size(), "no cohort, numUsers joiners");
    assertEquals(2.0, starts.get(4).arrivalSeconds(), 1e-12);
  }

  @Test
  void settingsOutOfRangeAreRejectedWithTheirValue() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new ConversationSchedule(0, 3, 1, 0))
            .getMessage()
            .contains("numUsers: expected >= 1, got 0"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new ConversationSchedule(2, 3, 0, 0))
            .getMessage()
            .contains("qps: expected a finite rate > 0, got 0.0"));
  }
}
