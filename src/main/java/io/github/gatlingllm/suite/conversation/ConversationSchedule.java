package io.github.gatlingllm.suite.conversation;

import java.util.ArrayList;
import java.util.List;

/**
 * When each simulated user of a multi-round QA run joins and sends, as the vLLM production stack's
 * {@code multi-round-qa.py} schedules them, computed before the load.
 *
 * <p>Every user sends one request every {@code numUsers / qps} seconds (its gap), so that {@code numUsers} active
 * users make {@code qps} together; a user lives for {@code numRounds} rounds, i.e. {@code gap x (numRounds - 1)}
 * seconds, and new users join every {@code lifetime / numUsers} seconds to replace those that finish. To start in a
 * steady state rather than with {@code numUsers} first rounds at once, the run begins with a cohort of users placed
 * as if they had joined earlier: user {@code i} of the cohort is {@code offset_i = lifetime - i x joinGap} seconds
 * into its session, has already "asked" {@code floor(offset_i / gap) + 1} questions, sends its next one at
 * {@code passed x gap - offset_i} and asks only the remaining ones. A cohort user with no question left (the first)
 * sends nothing but keeps its id, as in the original. With a single round there is no lifetime: users join every
 * {@code 1 / qps} seconds and each sends one request.
 *
 * @param numUsers users active at once ({@code --num-users})
 * @param numRounds rounds per user ({@code --num-rounds})
 * @param qps requests per second over all users ({@code --qps})
 * @param initUserId the id before the first user's ({@code --init-user-id}): ids are {@code initUserId + 1, ...}
 */
public record ConversationSchedule(int numUsers, int numRounds, double qps, long initUserId) {

  public ConversationSchedule {
    if (numUsers < 1) {
      throw new IllegalArgumentException("numUsers: expected >= 1, got " + numUsers);
    }
    if (numRounds < 1) {
      throw new IllegalArgumentException("numRounds: expected >= 1, got " + numRounds);
    }
    if (!(qps > 0) || Double.isInfinite(qps)) {
      throw new IllegalArgumentException("qps: expected a finite rate > 0, got " + qps);
    }
    if (initUserId < 0) {
      throw new IllegalArgumentException("initUserId: expected >= 0, got " + initUserId);
    }
  }

  /** Seconds between two requests of one user. */
  public double userGapSeconds() {
    return numUsers / qps;
  }

  /** Seconds a user lives: from its first to its last request. */
  public double lifetimeSeconds() {
    return userGapSeconds() * (numRounds - 1);
  }

  /** Seconds between two users joining. */
  public double joinGapSeconds() {
    return numRounds > 1 ? lifetimeSeconds() / numUsers : 1 / qps;
  }

  /**
   * Every user of a run, in arrival order: the steady-state cohort (arriving at 0), then the joiners, one every
   * {@link #joinGapSeconds()} from 0 while their arrival is before {@code joinWindowSeconds}.
   */
  public List<ConversationStart> starts(double joinWindowSeconds) {
    List<ConversationStart> starts = new ArrayList<>();
    long userId = initUserId;
    double gap = userGapSeconds();
    double joinGap = joinGapSeconds();
    if (numRounds > 1) {
      for (int i = 0; i < numUsers; i++) {
        userId++;
        double offset = lifetimeSeconds() - i * joinGap;
        int passed = (int) (offset / gap) + 1;
        int remaining = numRounds - passed;
        if (remaining > 0) {
          starts.add(new ConversationStart(userId, 0, passed * gap - offset, remaining, passed + 1));
        }
      }
    }
    for (long k = 0; k * joinGap < joinWindowSeconds; k++) {
      userId++;
      starts.add(new ConversationStart(userId, k * joinGap, 0, numRounds, 1));
    }
    return starts;
  }

  /**
   * The joining window when the run has no duration: one user lifetime (one full replacement of the cohort), or
   * {@code numUsers} joiners for single-round runs. The run then ends when the last joiner has finished.
   */
  public double defaultJoinWindowSeconds() {
    return numUsers * joinGapSeconds() - joinGapSeconds() / 2;
  }
}
