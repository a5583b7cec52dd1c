package io.github.gatlingllm.protocol;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The CPU time this JVM (the load generator) used over the load: the figure that tells whether the client itself was
 * a bottleneck. A client near {@code cores} busy cores measures its own queueing, not the server's latency.
 */
final class ClientCpu {
  private final long startCpuNanos = processCpuNanos();
  private final long startNanos = System.nanoTime();

  /** The CPU time and wall time since creation. */
  record Usage(double cpuSeconds, double wallSeconds, int cores) {
    /** Busy cores on average (1.0 = one core fully used). */
    double coresUsed() {
      return wallSeconds > 0 ? cpuSeconds / wallSeconds : 0;
    }
  }

  /** The usage so far, or null when the JVM cannot tell its CPU time. */
  Usage sinceStart() {
    long cpu = processCpuNanos();
    if (cpu < 0 || startCpuNanos < 0) {
      return null;
    }
    return new Usage(
        (cpu - startCpuNanos) / 1e9,
        (System.nanoTime() - startNanos) / 1e9,
        Runtime.getRuntime().availableProcessors());
  }

  private static long processCpuNanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
      return hotspot.getProcessCpuTime();
    }
    return -1;
  }
}
