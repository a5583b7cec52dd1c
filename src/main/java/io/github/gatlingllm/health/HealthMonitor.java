package io.github.gatlingllm.health;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the load generator during the load: a lag probe on each of Gatling's event loops (where every request runs),
 * the GC pause listener, and the sampler thread. Cheap by construction: one scheduled task per loop every
 * {@link #PROBE_PERIOD_NANOS}, one look a second, one notification per collection.
 */
final class HealthMonitor {
  /** The probes' period: short enough to see a 5 ms stall, long enough to cost nothing measurable (100 tasks/s). */
  static final long PROBE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  /** How long the end of the load waits for the notifications of pauses already counted. */
  private static final long GC_NOTIFICATION_WAIT_MILLIS = 500;

  private final List<LoopLagProbe> probes;
  private final List<LoopLag> lags;
  private final GcPauses gc;
  private final HealthSampler sampler;
  private final StallLog stalls;
  private volatile boolean stopped;

  private HealthMonitor(List<LoopLagProbe> probes, GcPauses gc, HealthSampler sampler, StallLog stalls) {
    this.probes = probes;
    this.lags = probes.stream().map(LoopLagProbe::lag).toList();
    this.gc = gc;
    this.sampler = sampler;
    this.stalls = stalls;
  }

  /** Starts watching {@code loops} (Gatling's event loops) and the JVM. */
  static HealthMonitor start(Iterable<? extends EventExecutor> loops, long thresholdNanos) {
    StallLog stalls = new StallLog();
    GcPauses gc = new GcPauses(GcClock.measure(), stalls);
    long now = System.nanoTime();
    gc.start(now);
    List<LoopLagProbe> probes = new ArrayList<>();
    for (EventExecutor loop : loops) {
      probes.add(new LoopLagProbe(loop, new LoopLag(PROBE_PERIOD_NANOS, thresholdNanos, stalls, now)));
    }
    HealthSampler sampler = HealthSampler.startingNow(probes.stream().map(LoopLagProbe::lag).toList(), gc);
    for (LoopLagProbe probe : probes) {
      probe.start(PROBE_PERIOD_NANOS);
    }
    sampler.start();
    return new HealthMonitor(probes, gc, sampler, stalls);
  }

  /**
   * Every stall beginning before the returned time has been published (so {@link #drainStalls} called after this
   * hands it over); {@code Long.MAX_VALUE} once stopped.
   */
  long knownUntil(long nowNanos) {
    if (stopped) {
      return Long.MAX_VALUE;
    }
    long known = gc.knownUntil(nowNanos);
    for (LoopLag lag : lags) {
      known = Math.min(known, lag.knownUntil());
    }
    return known;
  }

  void drainStalls(Consumer<Stall> sink) {
    stalls.drainTo(sink);
  }

  /**
   * Ends the watch, once: probes cancelled, the last sample taken, the trailing GC notifications awaited (bounded).
   * Afterwards every stall of the load has been published.
   */
  synchronized void stop() {
    if (stopped) {
      return;
    }
    probes.forEach(LoopLagProbe::stop);
    sampler.stop();
    gc.awaitNotifications(GC_NOTIFICATION_WAIT_MILLIS);
    gc.stop();
    stopped = true;
  }

  int loops() {
    return probes.size();
  }

  GcPauses gc() {
    return gc;
  }

  HealthSampler sampler() {
    return sampler;
  }
}
