package io.github.gatlingllm.health;

import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Converts the millisecond times of a GC's {@code GcInfo} (its start and end) to {@code System.nanoTime()}, the clock
 * of every request timestamp.
 *
 * <p>{@code GcInfo}'s times are not {@code RuntimeMXBean.getUptime()}'s, despite their documentation: measured on
 * JDK 17 (G1 and Parallel), they count from the JVM's start time ({@code RuntimeMXBean.getStartTime()}), which comes
 * some 20-50 ms after the uptime's zero. So the conversion has two parts, both measured once: where the uptime's zero
 * lies on {@code nanoTime} (taken at the instant the uptime's millisecond ticks over, so exact to a few µs), and how
 * long after it the start time lies (through the wall clock: {@code getStartTime()} minus the wall-clock time of the
 * uptime's zero). Both millisecond truncations make a converted start up to {@link #ERROR_NANOS} early, never late.
 */
final class GcClock {
  /** How far before the truth a converted time may lie: the GC's and the start time's millisecond truncations. */
  static final long ERROR_NANOS = 2_000_000;
  /** How long {@link #measure} spins for the millisecond to tick over before taking a coarser offset. */
  private static final long SPIN_LIMIT_NANOS = 5_000_000;
  /**
   * A start time further than this from the uptime's zero means a wall clock stepped since the JVM started (an NTP
   * correction at a machine's boot): the difference is then ignored, an error of the measured 20-50 ms rather than of
   * the step. Twenty times what was measured; a wider bound let a step of up to its size shift every GC pause.
   */
  static final long PLAUSIBLE_START_NANOS = TimeUnit.SECONDS.toNanos(1);
  private final long offsetNanos;

  /** @param offsetNanos the {@code nanoTime} of the GC clock's zero */
  GcClock(long offsetNanos) {
    this.offsetNanos = offsetNanos;
  }

  static GcClock measure() {
    RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
    return measure(runtime::getUptime, System::nanoTime, GcClock::epochNanos, runtime.getStartTime());
  }

  /**
   * @param uptimeMillis the JVM's uptime
   * @param nanoTime the requests' clock
   * @param epochNanos the wall clock, in ns since 1970
   * @param startEpochMillis the JVM's start time, from which GC times count
   */
  static GcClock measure(LongSupplier uptimeMillis, LongSupplier nanoTime, LongSupplier epochNanos,
      long startEpochMillis) {
    long begin = nanoTime.getAsLong();
    long first = uptimeMillis.getAsLong();
    long uptime = first;
    long now = begin;
    long epoch = epochNanos.getAsLong();
    while (now - begin < SPIN_LIMIT_NANOS) {
      uptime = uptimeMillis.getAsLong();
      now = nanoTime.getAsLong();
      epoch = epochNanos.getAsLong();
      if (uptime != first) {
        break;
      }
    }
    // Without a tick seen (a frozen clock) this is coarser: the uptime was at least `first` ms then.
    long uptimeZeroNanoTime = now - uptime * 1_000_000;
    long uptimeZeroEpoch = epoch - uptime * 1_000_000;
    long startAfterUptimeZero = startEpochMillis * 1_000_000 - uptimeZeroEpoch;
    if (startAfterUptimeZero < 0 || startAfterUptimeZero > PLAUSIBLE_START_NANOS) {
      startAfterUptimeZero = 0;
    }
    return new GcClock(uptimeZeroNanoTime + startAfterUptimeZero);
  }

  long nanos(long gcMillis) {
    return gcMillis * 1_000_000 + offsetNanos;
  }

  private static long epochNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
