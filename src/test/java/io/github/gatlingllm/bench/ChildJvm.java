package io.github.gatlingllm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Java child process of the benchmark (the mock server or Gatling), its output in a log file. Each side gets its
 * own JVM so that neither's GC, JIT or threads pause the other inside one process; they still share the machine's
 * cores, as a real load test against a local server would.
 */
final class ChildJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code java -cp <classPath> <jvmArgs> <mainClass> <args>} with its output going to {@code log}. */
  static ChildJvm start(
      String name, String classPath, List<String> jvmArgs, String mainClass, List<String> args, Path log)
      throws IOException {
    return start(name, List.of(), classPath, jvmArgs, mainClass, args, log);
  }

  /**
   * The same behind a command {@code prefix}, e.g. {@code taskset -c 0}: it must exec the JVM in its own process (as
   * taskset does), so that {@link #pid()} is the JVM's.
   */
  static ChildJvm start(
      String name,
      List<String> prefix,
      String classPath,
      List<String> jvmArgs,
      String mainClass,
      List<String> args,
      Path log)
      throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classPath);
    // Tokenizers must never be downloaded during a benchmark; Gatling must not phone home.
    command.add("-Dai.djl.offline=true");
    command.addAll(jvmArgs);
    command.add(mainClass);
    command.addAll(args);
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("OPT_OUT_TRACKING", "true");
    System.out.println("[" + name + "] " + String.join(" ", shorten(command)));
    Process process = builder.start();
    // Ctrl-C on the harness must not leave a mock listening: the try-with-resources blocks do not run then.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-reaper"));
    return new ChildJvm(name, process, log);
  }

  /** Waits for a line of the log that starts with {@code prefix}; returns the rest of it. */
  String awaitLine(String prefix, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (line.startsWith(prefix)) {
          return line.substring(prefix.length()).trim();
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with status " + process.exitValue() + "; see " + log);
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(name + " printed no line starting with '" + prefix + "' in " + timeout);
  }

  /** Waits for the process to exit; @return its exit status */
  int await(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      close();
      throw new IllegalStateException(name + " did not finish within " + timeout + "; killed. See " + log);
    }
    return process.exitValue();
  }

  /** The operating system's id of the process (for jcmd and /proc). */
  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** CPU time the process has used so far, when the OS tells. */
  Optional<Duration> cpuTime() {
    return process.info().totalCpuDuration();
  }

  Path log() {
    return log;
  }

  /** SIGTERM (the mock's shutdown hook closes it cleanly), then SIGKILL if it lingers. Idempotent. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The class path is long: print its first entries only. */
  private static List<String> shorten(List<String> command) {
    List<String> shown = new ArrayList<>(command);
    int cp = shown.indexOf("-cp") + 1; // after any prefix
    String[] entries = shown.get(cp).split(java.io.File.pathSeparator);
    if (entries.length > 2) {
      shown.set(cp, entries[0] + java.io.File.pathSeparator + entries[1] + java.io.File.pathSeparator + "...");
    }
    return shown;
  }
}
