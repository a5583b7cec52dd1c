package io.github.gatlingllm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Not a unit test: the accuracy benchmark of BENCHMARKS.md. For each concurrency level N it starts the mock server
 * in its own JVM, runs {@code ServingBenchmark} in a Gatling JVM against it (N warm-ups, then max(50, 3N) requests
 * with at most N in flight), and compares the client's mean TTFT and median/p99 ITL with what the mock really did
 * ({@code GET /mock/stats}).
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.github.gatlingllm.bench.AccuracyBenchmark
 * </pre>
 *
 * <p>Warm-ups are kept out of the truth by rank: the mock starts with {@code --truthSkipFirst=<warm-ups>}, and the
 * simulation sends every warm-up before any measured request ({@code andThen}), so the first W generation requests
 * the mock accepts are exactly the warm-ups. The harness checks that the truth then holds as many requests as the
 * client measured. Settings: see {@link BenchOptions}.
 */
public final class AccuracyBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration GATLING_TIMEOUT = Duration.ofMinutes(10);
  /**
   * What gatling-maven-plugin passes to the Gatling JVM besides the heap size (its GatlingConstants), and what our pom
   * adds for the load ({@code -XX:MetaspaceSize}, ZGC).
   */
  static final List<String> GATLING_DEFAULT_JVM_ARGS =
      List.of(
          "-XX:+HeapDumpOnOutOfMemoryError",
          "-XX:MaxInlineLevel=20",
          "-XX:MaxTrivialSize=12",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
          "-XX:MetaspaceSize=128m",
          "-XX:+UseZGC");

  private AccuracyBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    String classPath = System.getProperty("java.class.path");
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path workDir = Path.of("target", "accuracy-bench", stamp + "-" + slug(options.variant()));
    System.out.println(machine());
    List<LevelResult> results = new ArrayList<>();
    for (int n : options.levels()) {
      LevelResult result = runLevel(options, n, classPath, workDir.resolve("n" + n));
      results.add(result);
      System.out.println(LevelResult.HEADER);
      System.out.println(result.markdownRow());
      System.out.println(result.details());
      append(options.out(), result, stamp);
    }
    System.out.println();
    System.out.println(LevelResult.HEADER);
    results.forEach(r -> System.out.println(r.markdownRow()));
    System.out.println("Rows appended to " + options.out().toAbsolutePath());
  }

  private static LevelResult runLevel(BenchOptions options, int n, String classPath, Path dir) throws Exception {
    int warmups = options.warmupsFor(n);
    System.out.println();
    System.out.println("=== N=" + n + ", variant " + options.variant() + ", load before: " + loadAverage());
    List<String> knobs =
        List.of(
            "--port=0",
            "--ttftMs=" + options.ttftMs(),
            "--itlMs=" + options.itlMs(),
            "--truthSkipFirst=" + warmups);
    try (MockProcess mock = MockProcess.start(classPath, List.of("-Xmx512m"), knobs, dir.resolve("mock.log"))) {
      mock.reset(); // nothing but the harness has talked to it, but make the starting point explicit
      double mockCpuBefore = mock.cpuSeconds();
      Path results = dir.resolve("gatling").toAbsolutePath();
      int status;
      try (ChildJvm gatling =
          ChildJvm.start(
              "gatling",
              classPath,
              clientJvmArgs(options, n, warmups, mock.baseUrl(), results),
              "io.gatling.app.Gatling",
              List.of(
                  "--simulation",
                  "io.github.gatlingllm.simulations.ServingBenchmark",
                  "--results-folder",
                  results.toString(),
                  "--no-reports"),
              dir.resolve("gatling.log"))) {
        status = gatling.await(GATLING_TIMEOUT);
      }
      if (status != 0) {
        System.out.println("Gatling exited with status " + status + "; see " + dir.resolve("gatling.log"));
      }
      JsonNode truth = mock.stats();
      double mockCpu = mock.cpuSeconds() - mockCpuBefore;
      JsonNode summary = JSON.readTree(summaryFile(results).toFile());
      return LevelResult.of(options.variant(), n, summary, truth, mockCpu);
    }
  }

  private static List<String> clientJvmArgs(
      BenchOptions options, int n, int warmups, String baseUrl, Path results) {
    // What gatling-maven-plugin passes by default (its GatlingConstants), so the client runs as users run it.
    List<String> args = new ArrayList<>(GATLING_DEFAULT_JVM_ARGS);
    args.add("-Xms" + options.clientHeap());
    args.add("-Xmx" + options.clientHeap());
    args.add("-Dllm.baseUrl=" + baseUrl);
    args.add("-Dllm.model=mock-llm");
    args.add("-Dllm.randomInputLen=" + options.inputLen());
    args.add("-Dllm.randomOutputLen=" + options.outputLen());
    args.add("-Dllm.numWarmups=" + warmups);
    args.add("-Dllm.maxConcurrency=" + n);
    args.add("-Dllm.numPrompts=" + options.promptsFor(n));
    args.add("-Dllm.resultsDir=" + results);
    args.add("-Dllm.saveDetailed=true"); // LevelResult reads the per-request arrays
    args.addAll(options.clientArgs());
    return args;
  }

  private static Path summaryFile(Path results) throws IOException {
    try (Stream<Path> files = Files.walk(results, 2)) {
      return files
          .filter(p -> p.getFileName().toString().equals("llm-summary.json"))
          .findFirst()
          .orElseThrow(() -> new IOException("no llm-summary.json under " + results));
    }
  }

  private static void append(Path out, LevelResult result, String stamp) throws IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    StringBuilder text = new StringBuilder();
    if (!Files.exists(out)) {
      text.append("Accuracy benchmark rows (appended by AccuracyBenchmark)\n\n").append(LevelResult.HEADER).append('\n');
    }
    text.append(result.markdownRow()).append(" <!-- ").append(stamp).append("; ").append(result.details())
        .append(" -->\n");
    Files.writeString(out, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** The machine a benchmark ran on, for its report (the soak's too). */
  static String machine() {
    return String.format(
        Locale.ROOT,
        "machine: %d cores, Java %s (%s), %s %s",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.version"));
  }

  /** The 1/5/15-minute load averages: a busy machine perturbs the figures (re-run then). */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String slug(String text) {
    return text.replaceAll("[^A-Za-z0-9.=+-]+", "_");
  }
}
