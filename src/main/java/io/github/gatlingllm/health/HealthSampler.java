package io.github.gatlingllm.health;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The once-a-second look at the client's health, on a daemon thread of its own (off the event loops): the loops' lags
 * since the previous look, the GC pause time, the JIT compile time and the process CPU time, added to the run's
 * totals and to the {@link HealthTimeline}. Each look costs a few histogram additions and three MXBean reads.
 *
 * <p>{@link #sample} holds the arithmetic and is called with the clocks' readings, so tests drive it with fake ones.
 */
final class HealthSampler {
  static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** The JIT's start-up work is reported apart: compile time in the load's first seconds. */
  static final long EARLY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final List<LoopLag> loops;
  private final GcPauses gc;
  private final Histogram runLags = new Histogram(1_000, LoopLag.HIGHEST_NANOS, 2);
  private final Histogram sampleLags = new Histogram(1_000, LoopLag.HIGHEST_NANOS, 2);
  private final HealthTimeline timeline = new HealthTimeline();
  private final long startNanos;
  private final long startCpuNanos;
  private final long startJitMillis;
  private long lastNanos;
  private long lastCpuNanos;
  private long lastJitMillis;
  private long lastGcNanos;
  private long earlyJitMillis;
  private double peakBusyCores;
  private Thread thread;
  private volatile boolean stopping;

  HealthSampler(List<LoopLag> loops, GcPauses gc, long startNanos, long cpuNanos, long jitMillis) {
    this.loops = loops;
    this.gc = gc;
    this.startNanos = startNanos;
    this.startCpuNanos = cpuNanos;
    this.startJitMillis = jitMillis;
    this.lastNanos = startNanos;
    this.lastCpuNanos = cpuNanos;
    this.lastJitMillis = jitMillis;
    this.lastGcNanos = gc == null ? 0 : gc.pauseNanos();
  }

  /** A sampler of this JVM's clocks, from now. */
  static HealthSampler startingNow(List<LoopLag> loops, GcPauses gc) {
    return new HealthSampler(loops, gc, System.nanoTime(), processCpuNanos(), jitMillis());
  }

  void start() {
    thread = new Thread(this::loop, "gatling-llm-health");
    thread.setDaemon(true);
    thread.start();
  }

  /** Takes a last (partial) sample and stops; afterwards the figures are final. */
  void stop() {
    stopping = true;
    if (thread != null) {
      LockSupport.unpark(thread);
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    long due = System.nanoTime() + PERIOD_NANOS;
    while (!stopping) {
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(this, wait);
        continue;
      }
      long now = System.nanoTime();
      // From this look, not from the missed one: a sampler held up (a frozen machine) takes one long sample, not a
      // burst of short ones.
      due = now + PERIOD_NANOS;
      sample(now, processCpuNanos(), jitMillis());
    }
    sample(System.nanoTime(), processCpuNanos(), jitMillis());
  }

  /** One look at time {@code now}, with the process CPU time and total JIT time then (negative: unknown). */
  void sample(long now, long cpuNanos, long jitMillis) {
    long wall = now - lastNanos;
    if (wall <= 0) {
      return;
    }
    sampleLags.reset();
    for (LoopLag loop : loops) {
      Histogram lags = loop.intervalLags();
      sampleLags.add(lags);
    }
    runLags.add(sampleLags);
    long gcNanos = gc == null ? 0 : gc.pauseNanos();
    long cpu = cpuNanos >= 0 && lastCpuNanos >= 0 ? Math.max(0, cpuNanos - lastCpuNanos) : 0;
    long jit = jitMillis >= 0 && lastJitMillis >= 0 ? Math.max(0, jitMillis - lastJitMillis) : 0;
    if (lastNanos - startNanos < EARLY_NANOS) {
      earlyJitMillis += jit;
    }
    boolean empty = sampleLags.getTotalCount() == 0;
    timeline.add(
        new HealthTimeline.Bucket(
            lastNanos,
            wall,
            empty ? 0 : sampleLags.getValueAtPercentile(99),
            empty ? 0 : sampleLags.getMaxValue(),
            gcNanos - lastGcNanos,
            jit,
            cpu));
    peakBusyCores = Math.max(peakBusyCores, cpu / (double) wall);
    lastNanos = now;
    lastCpuNanos = cpuNanos;
    lastJitMillis = jitMillis;
    lastGcNanos = gcNanos;
  }

  /** Every lag sample of the run, all loops together. */
  Histogram runLags() {
    return runLags;
  }

  HealthTimeline timeline() {
    return timeline;
  }

  long wallNanos() {
    return lastNanos - startNanos;
  }

  /** CPU time of the process over the samples, or -1 when the JVM cannot tell it. */
  long cpuNanos() {
    return startCpuNanos < 0 || lastCpuNanos < 0 ? -1 : lastCpuNanos - startCpuNanos;
  }

  /** Compile time over the samples, or -1 when the JVM does not measure it. */
  long jitMillisTotal() {
    return startJitMillis < 0 || lastJitMillis < 0 ? -1 : lastJitMillis - startJitMillis;
  }

  long earlyJitMillis() {
    return earlyJitMillis;
  }

  double peakBusyCores() {
    return peakBusyCores;
  }

  static long processCpuNanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
      return hotspot.getProcessCpuTime();
    }
    return -1;
  }

  static long jitMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return -1;
    }
    return jit.getTotalCompilationTime();
  }
}
