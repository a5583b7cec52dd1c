package io.github.gatlingllm.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** GC pause intervals on the requests' clock, and which collectors' notifications are pauses. */
class GcPausesTest {
  private static final long MS = 1_000_000;

  @Test
  void theOffsetIsTakenWhenTheUptimeMillisecondTicksOverAndGcTimesCountFromTheStartTime() {
    // nanoTime advances 100 µs per read; the uptime ticks from 41 to 42 ms when nanoTime passes 5.3 ms; the wall
    // clock is nanoTime + 1e18; the JVM started at wall-clock time 1e18 - 12 ms, i.e. nanoTime -12 ms
    AtomicLong nano = new AtomicLong(5_000_000);
    long wall = 1_000_000_000_000_000_000L;
    GcClock clock =
        GcClock.measure(
            () -> nano.get() < 5_300_000 ? 41 : 42, () -> nano.addAndGet(100_000), () -> nano.get() + wall,
            wall / MS - 12);
    // the tick was seen at nanoTime 5.4 ms: the uptime's zero is at 5.4 - 42 = -36.6 ms; GC times count from the
    // start time, 24.6 ms later
    assertEquals(-12 * MS, clock.nanos(0));
    assertEquals(988 * MS, clock.nanos(1_000));
  }

  @Test
  void aWallClockSteppedBackSinceTheJvmStartedDoesNotShiftThePauses() {
    // As above, but the wall clock was stepped back 5 s after the JVM started: through it the start time would seem
    // 5 s after the uptime's zero, and every pause would be placed 5 s late.
    AtomicLong nano = new AtomicLong(5_000_000);
    long wall = 1_000_000_000_000_000_000L;
    GcClock clock =
        GcClock.measure(
            () -> nano.get() < 5_300_000 ? 41 : 42, () -> nano.addAndGet(100_000), () -> nano.get() + wall,
            wall / MS - 12 + 5_000);
    assertEquals(-36_600_000, clock.nanos(0), "the step ignored: GC times taken from the uptime's zero");
  }

  @Test
  void aPauseIsPublishedOnTheNanoClockWidenedByItsMillisecondRounding() {
    StallLog log = new StallLog();
    GcPauses gc = new GcPauses(new GcClock(7 * MS), log);
    gc.onPause(1_000, 1_012);
    gc.onPause(2_000, 2_000);
    List<Stall> stalls = new ArrayList<>();
    log.drainTo(stalls::add);
    assertEquals(new Stall(Stall.Cause.GC, 1_007 * MS, 1_021 * MS), stalls.get(0), "widened by the truncations");
    assertEquals(new Stall(Stall.Cause.GC, 2_007 * MS, 2_009 * MS), stalls.get(1), "a 0 ms pause still has a window");
    assertEquals(2, gc.pauses());
    assertEquals(12 * MS, gc.pauseNanos());
    assertEquals(12 * MS, gc.maxPauseNanos());
  }

  @Test
  void concurrentCyclesAreNotPausesButEveryOtherCollectorIs() {
    assertTrue(GcPauses.isPauseBean("G1 Young Generation"));
    assertTrue(GcPauses.isPauseBean("G1 Old Generation"));
    assertTrue(GcPauses.isPauseBean("G1 Concurrent GC"), "JDK 20+: its notifications are Remark and Cleanup");
    assertTrue(GcPauses.isPauseBean("ZGC Pauses"));
    assertTrue(GcPauses.isPauseBean("PS Scavenge"));
    assertFalse(GcPauses.isPauseBean("ZGC Cycles"));
    assertFalse(GcPauses.isPauseBean("ZGC Major Cycles"));
    assertFalse(GcPauses.isPauseBean("Shenandoah Cycles"));
  }

  @Test
  void aRealCollectionLandsInsideTheNanoTimeWindowAroundIt() {
    StallLog log = new StallLog();
    GcPauses gc = new GcPauses(GcClock.measure(), log);
    gc.start(System.nanoTime());
    long before;
    long after;
    try {
      before = System.nanoTime();
      System.gc();
      after = System.nanoTime();
      gc.awaitNotifications(30_000); // a wait for the notification thread, not a bound on anything measured
    } finally {
      gc.stop();
    }
    List<Stall> stalls = new ArrayList<>();
    log.drainTo(stalls::add);
    // Other collections of this busy test JVM may come before or after; System.gc()'s own lies inside the window.
    // Whole milliseconds: the start may read up to 2 ms early, the widened end up to 2 ms late; 1 ms of slack more.
    assertTrue(
        stalls.stream().anyMatch(s -> s.startNanos() >= before - 3 * MS && s.endNanos() <= after + 3 * MS),
        stalls + " has no pause inside [" + before + ", " + after + "]");
  }

  @Test
  void aCollectionCountedBeforeTheWatchIsNotOneOfItsPausesWhenItsNotificationTrailsIn() {
    System.gc(); // a collection before the watch
    StallLog log = new StallLog();
    GcPauses gc = new GcPauses(new GcClock(0), log);
    gc.start(System.nanoTime());
    try {
      GarbageCollectorMXBean bean =
          ManagementFactory.getGarbageCollectorMXBeans().stream()
              .filter(b -> GcPauses.isPauseBean(b.getName()) && b.getCollectionCount() > 0)
              .findFirst()
              .orElse(null);
      assumeTrue(bean != null, "System.gc() collected nothing (-XX:+DisableExplicitGC)");
      // The notification of a collection the count already held at the start (its pause at 1-2 ms of the JVM's life),
      // as it arrives after the listener was added: counted, it would stand for a later pause not yet notified.
      gc.onPause(bean.getName(), 1, 1, 2);
    } finally {
      gc.stop();
    }
    List<Stall> stalls = new ArrayList<>();
    log.drainTo(stalls::add);
    assertFalse(stalls.stream().anyMatch(s -> s.startNanos() == 1 * MS), stalls.toString());
  }

  @Test
  void withoutCollectorsEverythingUpToNowIsKnownAndItNeverGoesBack() {
    GcPauses gc = new GcPauses(new GcClock(0), new StallLog());
    assertEquals(500, gc.knownUntil(500));
    assertEquals(500, gc.knownUntil(400));
  }
}
