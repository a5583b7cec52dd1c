package io.github.gatlingllm.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Judging requests against stalls only once every stall up to their end is known, with bounded buffering. */
class FlaggedRequestsTest {
  private static final long MS = 1_000_000;
  private static final long NONE_IN_FLIGHT = Long.MAX_VALUE;
  private final FlaggedRequests flags = new FlaggedRequests();

  @Test
  void aRequestWaitsUntilTheStallsUpToItsEndAreKnownThenIsFlaggedByTheLateStall() {
    flags.add(100 * MS, 500 * MS);
    flags.advance(300 * MS, NONE_IN_FLIGHT); // the monitor knows only up to 300 ms: not judged yet
    assertEquals(0, flags.judged());
    assertEquals(1, flags.pending());
    // the stall from 400 to 600 ms is published once the late task runs, after the request ended
    flags.stall(new Stall(Stall.Cause.LAG, 400 * MS, 600 * MS));
    flags.advance(610 * MS, NONE_IN_FLIGHT);
    assertEquals(1, flags.judged());
    assertEquals(1, flags.flagged());
    assertEquals(1, flags.flaggedLag());
    assertEquals(0, flags.flaggedGc());
  }

  @Test
  void onlyRequestsSharingAnInstantWithAStallAreFlaggedAndEachOnceWhateverTheCauses() {
    flags.stall(new Stall(Stall.Cause.GC, 200 * MS, 210 * MS));
    flags.stall(new Stall(Stall.Cause.LAG, 205 * MS, 260 * MS));
    flags.add(0, 199 * MS); // ends before
    flags.add(0, 200 * MS); // touches the pause's start: flagged (closed windows)
    flags.add(210 * MS + 1, 250 * MS); // after the pause, in the lag
    flags.add(100 * MS, 300 * MS); // spans both
    flags.add(261 * MS, 400 * MS); // after both
    flags.advance(1_000 * MS, NONE_IN_FLIGHT);
    assertEquals(5, flags.judged());
    assertEquals(3, flags.flagged());
    assertEquals(2, flags.flaggedGc());
    assertEquals(2, flags.flaggedLag());
  }

  @Test
  void stallsAreLetGoOnceNoRequestStillToComeCanOverlapThem() {
    flags.stall(new Stall(Stall.Cause.GC, 10 * MS, 20 * MS));
    flags.advance(100 * MS, 50 * MS); // a request in flight since 50 ms: the pause at 10-20 ms cannot concern it
    assertEquals(0, flags.stallsKept());
    flags.stall(new Stall(Stall.Cause.GC, 60 * MS, 70 * MS));
    flags.add(55 * MS, 200 * MS); // waiting (ends after what is known) and sent before the pause
    flags.advance(100 * MS, NONE_IN_FLIGHT);
    assertEquals(1, flags.stallsKept(), "kept for the waiting request");
    flags.finish();
    assertEquals(1, flags.flaggedGc());
    assertEquals(2, flags.longest().size(), "the report still lists a stall let go");
  }

  @Test
  void theWaitingRoomIsBoundedAndTheEndOfTheRunJudgesTheRest() {
    for (int i = 0; i < FlaggedRequests.MAX_PENDING + 10; i++) {
      flags.add(i, i + 1);
    }
    assertEquals(FlaggedRequests.MAX_PENDING, flags.pending());
    assertEquals(10, flags.judgedEarly());
    flags.finish();
    assertEquals(FlaggedRequests.MAX_PENDING + 10, flags.judged());
    assertEquals(0, flags.pending());
  }

  @Test
  void theLongestStallsAreKeptLongestFirst() {
    for (int i = 1; i <= 30; i++) {
      flags.stall(new Stall(Stall.Cause.LAG, i * 1_000 * MS, i * 1_000 * MS + i * MS));
    }
    assertEquals(FlaggedRequests.LONGEST, flags.longest().size());
    assertEquals(30 * MS, flags.longest().get(0).nanos());
    assertEquals(21 * MS, flags.longest().get(FlaggedRequests.LONGEST - 1).nanos());
  }
}
