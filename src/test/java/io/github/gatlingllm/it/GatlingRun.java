package io.github.gatlingllm.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a simulation the way {@code mvn gatling:test} does: Gatling in its own JVM, with the test classpath (which
 * holds the top-level gatling.conf), so that the JVM's end (and the shutdown hook that adds the LLM block to
 * index.html) is real.
 */
final class GatlingRun {
  private static final long TIMEOUT_SECONDS = 240;

  final int exitCode;
  final String output;
  final Path resultsFolder;

  private GatlingRun(int exitCode, String output, Path resultsFolder) {
    this.exitCode = exitCode;
    this.output = output;
    this.resultsFolder = resultsFolder;
  }

  static GatlingRun run(String simulation, Map<String, String> properties, Path resultsFolder)
      throws IOException, InterruptedException {
    return run(simulation, properties, Map.of(), resultsFolder);
  }

  /**
   * As {@link #run(String, Map, Path)} with environment variables for Gatling's JVM (e.g. {@code OPENAI_API_KEY},
   * which the JVM otherwise never gets from the test's own environment).
   */
  static GatlingRun run(
      String simulation, Map<String, String> properties, Map<String, String> environment, Path resultsFolder)
      throws IOException, InterruptedException {
    return run(simulation, properties, environment, resultsFolder, "1G", TIMEOUT_SECONDS);
  }

  /**
   * As {@link #run(String, Map, Path)} with another maximum heap ({@code -Xmx}) and time limit (a hang guard for
   * long runs, not a performance bound).
   */
  static GatlingRun run(
      String simulation, Map<String, String> properties, Path resultsFolder, String maxHeap, long timeoutSeconds)
      throws IOException, InterruptedException {
    return run(simulation, properties, Map.of(), resultsFolder, maxHeap, timeoutSeconds);
  }

  private static GatlingRun run(
      String simulation,
      Map<String, String> properties,
      Map<String, String> environment,
      Path resultsFolder,
      String maxHeap,
      long timeoutSeconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("gatling-run", ".log");
    Process process = start(simulation, properties, environment, resultsFolder, log, maxHeap);
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new AssertionError(
            "Gatling did not finish within " + timeoutSeconds + " s; output so far:\n" + Files.readString(log));
      }
      return new GatlingRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), resultsFolder);
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  /** Starts Gatling without waiting: for tests that stop it themselves. Its output goes to {@code log}. */
  static Process start(String simulation, Map<String, String> properties, Path resultsFolder, Path log)
      throws IOException {
    return start(simulation, properties, Map.of(), resultsFolder, log, "1G");
  }

  private static Process start(
      String simulation,
      Map<String, String> properties,
      Map<String, String> environment,
      Path resultsFolder,
      Path log,
      String maxHeap)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The JVM options gatling-maven-plugin passes (Gatling's own defaults): its stats writer needs the add-opens.
    command.add("-Xmx" + maxHeap);
    command.add("-XX:MaxInlineLevel=20");
    command.add("-XX:MaxTrivialSize=12");
    command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
    command.add("--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED");
    command.add("-Dai.djl.offline=true");
    properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
    command.add("-cp");
    command.add(testClasspath());
    command.add("io.gatling.app.Gatling");
    command.add("--simulation");
    command.add(simulation);
    command.add("--results-folder");
    command.add(resultsFolder.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("OPENAI_API_KEY");
    builder.environment().put("OPT_OUT_TRACKING", "true");
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** Failsafe and Surefire publish the real test classpath here; a plain JVM has it in java.class.path. */
  private static String testClasspath() {
    String classpath = System.getProperty("surefire.test.class.path");
    if (classpath == null || classpath.isBlank()) {
      classpath = System.getProperty("java.class.path");
    }
    return String.join(File.pathSeparator, classpath.split(File.pathSeparator));
  }

  /** The single run folder Gatling created. */
  Path runFolder() throws IOException {
    try (Stream<Path> folders = Files.list(resultsFolder)) {
      List<Path> runs = folders.filter(Files::isDirectory).toList();
      if (runs.size() != 1) {
        throw new AssertionError("expected one run folder in " + resultsFolder + ", found " + runs + "\n" + output);
      }
      return runs.get(0);
    }
  }
}
