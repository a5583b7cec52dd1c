package io.github.gatlingllm.health;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The JVM's stop-the-world GC pauses during the load, from the collectors' notifications: counted, summed, and
 * published as {@link Stall}s with their interval on {@code System.nanoTime()} ({@link GcClock}).
 *
 * <p>Which collectors pause: every one except those whose bean reports concurrent cycles, named "... Cycles" (ZGC's
 * and Shenandoah's cycles run beside the application; their pauses have beans of their own, "ZGC Pauses", "Shenandoah
 * Pauses"). G1's "G1 Young Generation" and "G1 Old Generation" are pauses. JDK 20 added "G1 Concurrent GC", whose
 * notifications are the Remark and Cleanup pauses of a concurrent cycle (the cycle itself is reported by no bean):
 * they are pauses too. On JDK 17, measured here, G1 has no such bean and its Remark and Cleanup pauses (under 1 ms in
 * a small heap) reach no listener; a long one still shows as event-loop lag.
 *
 * <p>A notification arrives after its pause, from the JVM's notification thread. {@link #knownUntil} therefore says
 * up to when every pause is known: when the collectors' counts equal the notifications received, every pause that
 * ended before the counts were read has been published.
 */
final class GcPauses implements NotificationListener {
  /** GcInfo times are whole milliseconds from a start time in whole milliseconds: see {@link GcClock#ERROR_NANOS}. */
  private static final long ROUNDING_NANOS = GcClock.ERROR_NANOS;
  /**
   * The longest a notification is assumed to trail its pause (they take milliseconds): should the counts and the
   * notifications ever disagree for good, requests are judged this late rather than held until the end of the run.
   */
  static final long MAX_NOTIFICATION_DELAY_NANOS = 1_000_000_000L;
  private final GcClock clock;
  private final StallLog stalls;
  private final List<GarbageCollectorMXBean> pauseBeans = new ArrayList<>();
  private final AtomicLong notified = new AtomicLong();
  private final AtomicLong pauses = new AtomicLong();
  private final AtomicLong pauseNanos = new AtomicLong();
  private final AtomicLong maxPauseNanos = new AtomicLong();
  private long countsAtStart;
  private long knownUntil;

  GcPauses(GcClock clock, StallLog stalls) {
    this.clock = clock;
    this.stalls = stalls;
  }

  /** Whether a collector bean's notifications are stop-the-world pauses (see the class comment). */
  static boolean isPauseBean(String name) {
    return !name.endsWith("Cycles");
  }

  /** Listens to every pausing collector from now on. */
  void start(long nowNanos) {
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (isPauseBean(bean.getName()) && bean instanceof NotificationEmitter emitter) {
        pauseBeans.add(bean);
        emitter.addNotificationListener(this, null, null);
      }
    }
    countsAtStart = collections();
    knownUntil = nowNanos;
  }

  void stop() {
    for (GarbageCollectorMXBean bean : pauseBeans) {
      try {
        ((NotificationEmitter) bean).removeNotificationListener(this);
      } catch (ListenerNotFoundException e) {
        // never added: nothing to remove
      }
    }
  }

  @Override
  public void handleNotification(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    GcInfo gc = info.getGcInfo();
    onPause(gc.getStartTime(), gc.getEndTime());
  }

  /** A pause from {@code startMillis} to {@code endMillis} of JVM uptime. Notification thread (or tests). */
  void onPause(long startMillis, long endMillis) {
    long start = clock.nanos(startMillis);
    long end = clock.nanos(endMillis) + ROUNDING_NANOS;
    long nanos = Math.max(0, endMillis - startMillis) * 1_000_000;
    stalls.publish(new Stall(Stall.Cause.GC, start, end));
    pauses.incrementAndGet();
    pauseNanos.addAndGet(nanos);
    maxPauseNanos.accumulateAndGet(nanos, Math::max);
    notified.incrementAndGet(); // last: knownUntil counts this pause as known only once it is published
  }

  /**
   * Every pause beginning before the returned time has been published (monotonic; call from one thread). Reads the
   * collectors' counts, a few microseconds.
   */
  long knownUntil(long nowNanos) {
    long seen = notified.get();
    if (collections() - countsAtStart <= seen) {
      // A pause under way at nowNanos would have stopped this thread: the next unknown one begins later.
      knownUntil = Math.max(knownUntil, nowNanos);
    } else {
      knownUntil = Math.max(knownUntil, nowNanos - MAX_NOTIFICATION_DELAY_NANOS);
    }
    return knownUntil;
  }

  /**
   * Waits up to {@code millis} for the notifications of the pauses already counted (they trail their pause), so that
   * the end of the run judges its last requests with every pause known.
   */
  void awaitNotifications(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (collections() - countsAtStart > notified.get() && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private long collections() {
    long sum = 0;
    for (GarbageCollectorMXBean bean : pauseBeans) {
      sum += Math.max(0, bean.getCollectionCount());
    }
    return sum;
  }

  long pauses() {
    return pauses.get();
  }

  long pauseNanos() {
    return pauseNanos.get();
  }

  long maxPauseNanos() {
    return maxPauseNanos.get();
  }
}
