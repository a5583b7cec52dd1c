package io.github.gatlingllm.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a Linux process split by thread kind, from {@code /proc/<pid>/stat} and each
 * {@code /proc/<pid>/task/<tid>/stat}: utime + stime, in clock ticks (10 ms at the usual 100 Hz). The JIT is the
 * threads whose name (the kernel's 15-character {@code comm}) starts with {@code C1 CompilerThre} or
 * {@code C2 CompilerThre}; GC threads ({@code GC Thread#}, {@code G1 ...}) are counted apart for information; the
 * process total includes threads that already exited.
 *
 * <p>A compiler thread that exits between two samples (JDK 17 starts and stops them on demand) takes its CPU since the
 * first sample out of the JIT figure and into the rest: the JIT share is then a lower bound.
 */
record ThreadCpu(long totalTicks, long jitTicks, long gcTicks, long wallNanos) {
  /** Clock ticks per second of utime/stime: 100 on every mainstream Linux build ({@code getconf CLK_TCK}). */
  static final double TICKS_PER_SECOND = 100.0;

  static ThreadCpu sample(long pid) throws IOException {
    long wall = System.nanoTime();
    Path proc = Path.of("/proc", Long.toString(pid));
    long total = ticks(Files.readString(proc.resolve("stat")));
    long jit = 0;
    long gc = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
          continue; // the thread exited while we listed them
        }
        String name = comm(stat);
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
          jit += ticks(stat);
        } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
          gc += ticks(stat);
        }
      }
    }
    return new ThreadCpu(total, jit, gc, wall);
  }

  /** The thread's name: between the first '(' and the last ')' (a name may itself hold parentheses or spaces). */
  static String comm(String stat) {
    return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  }

  /** utime + stime: fields 14 and 15 of stat, counted after the name (fields 3 onwards follow its ')'). */
  static long ticks(String stat) {
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // after[0] is field 3 (state), so field n is after[n - 3]
    return Long.parseLong(after[11]) + Long.parseLong(after[12]);
  }

  /** What happened between {@code this} (earlier) and {@code later}, in seconds of CPU. */
  Delta until(ThreadCpu later) {
    double total = (later.totalTicks - totalTicks) / TICKS_PER_SECOND;
    double jit = (later.jitTicks - jitTicks) / TICKS_PER_SECOND;
    double gc = (later.gcTicks - gcTicks) / TICKS_PER_SECOND;
    return new Delta(total - jit, jit, gc, (later.wallNanos - wallNanos) / 1e9);
  }

  /** CPU seconds over a window: everything but the JIT (GC included), the JIT, the GC part of the first. */
  record Delta(double workSeconds, double jitSeconds, double gcSeconds, double wallSeconds) {
    double workCores() {
      return workSeconds / wallSeconds;
    }

    double jitCores() {
      return jitSeconds / wallSeconds;
    }
  }
}
