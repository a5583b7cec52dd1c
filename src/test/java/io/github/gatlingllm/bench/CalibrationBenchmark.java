package io.github.gatlingllm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.bench.CalibrationOptions.Kind;
import io.github.gatlingllm.bench.CalibrationOptions.Level;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Not a unit test: the calibration of issue 15 (BENCHMARKS.md, "Calibration: client limits"), run by
 * {@code bench/calibrate}. It separates the client's share of latency distortion from the server's at high load: for
 * each level a fresh {@link io.github.gatlingllm.bench.fast.FastStreamServer} JVM (cheap per chunk, its truth stamped
 * on the flushes) and a fresh Gatling JVM running {@code ServingBenchmark} against it, open loop (Poisson arrivals at
 * a rate) or closed loop ({@code llm.maxConcurrency} streams). Per level it records the rate achieved, the send lag,
 * failures, the TTFT and ITL errors against the server's truth, the client's CPU per request and per chunk in a
 * steady window (JIT apart), its connections and heap, and the server's CPU and lateness. Rows go to a Markdown file
 * and to {@code bench/results/calibration.csv}, from which {@code bench/results/calibration.svg} is redrawn.
 */
public final class CalibrationBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);
  /**
   * The steady window: from the server's read of 20 % of the measured requests, for 60 % of the measured phase's
   * intended length, ending earlier if the server has read 90 % of them (the tail).
   */
  private static final double WINDOW_FROM = 0.2;
  private static final double WINDOW_LENGTH = 0.6;
  private static final double WINDOW_TAIL = 0.9;
  /** Descriptors a JVM needs besides its connections (jars, logs, epoll, pipes). */
  private static final int FD_MARGIN = 1_000;

  private CalibrationBenchmark() {}

  public static void main(String[] args) throws Exception {
    CalibrationOptions options;
    try {
      options = CalibrationOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("calibrate: " + e.getMessage());
      System.exit(2);
      return;
    }
    Path csv = options.resultsDir().resolve("calibration.csv");
    Path svg = options.resultsDir().resolve("calibration.svg");
    if (options.chartOnly()) {
      redraw(csv, svg);
      return;
    }
    if (options.pinned() && !onPath("taskset")) {
      System.err.println("calibrate: --pin needs taskset (util-linux); install it or run with --unpinned");
      System.exit(2);
    }
    String runId = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    String commit = commit();
    String classPath = System.getProperty("java.class.path");
    System.out.println(AccuracyBenchmark.machine() + "; run " + runId + ", commit " + commit + ", " + options.label());
    if (options.pinned()) {
      System.out.println(
          "pinned: client JVM on core 0 (taskset -c 0), server JVM on core 1: the client sees availableProcessors=1,"
              + " so Netty gives Gatling 2 event loops (2 x cores) and the JVM sizes its GC and JIT threads for one core");
    }
    List<CalibrationResult> results = new ArrayList<>();
    for (Level level : options.levels()) {
      Path dir = Path.of("target", "calibration", runId + "-" + options.mode(), level.kind().id() + "-" + level.value());
      CalibrationResult result;
      try {
        result = runLevel(options, level, classPath, dir, runId, commit);
      } catch (Exception e) {
        System.out.println("level " + level.id() + " gave no result: " + e + " (logs in " + dir + ")");
        continue;
      }
      results.add(result);
      System.out.println(CalibrationResult.MARKDOWN_HEADER);
      System.out.println(result.markdownRow());
      appendMarkdown(options.out(), result);
      CalibrationCsv.append(csv, result);
      redraw(csv, svg);
    }
    System.out.println();
    System.out.println(CalibrationResult.MARKDOWN_HEADER);
    results.forEach(r -> System.out.println(r.markdownRow()));
    System.out.println("Rows appended to " + options.out().toAbsolutePath() + " and " + csv + "; chart " + svg);
  }

  private static CalibrationResult runLevel(
      CalibrationOptions o, Level level, String classPath, Path dir, String runId, String commit) throws Exception {
    int warmups = level.warmups(o);
    int measured = level.measuredRequests(o);
    System.out.println();
    System.out.printf(
        "=== %s %s: ITL %d ms, %d warm-ups + %d measured requests, target %.0f req/s (%.0f chunks/s); load before: %s%n",
        o.mode(), level.id(), level.itlMs(o), warmups, measured, level.targetRate(o),
        level.targetRate(o) * o.tokens(), AccuracyBenchmark.loadAverage());
    checkDescriptors(level, warmups, o);
    List<String> knobs =
        List.of(
            "--port=0",
            "--ttftMs=" + o.ttftMs(),
            "--itlMs=" + level.itlMs(o),
            "--tokens=" + o.tokens(),
            "--threads=1",
            "--truthSkipFirst=" + warmups);
    List<String> serverJvm = List.of("-Xms512m", "-Xmx512m");
    try (FastServerProcess server =
        FastServerProcess.start(pin(o, 1), classPath, serverJvm, knobs, dir.resolve("server.log"))) {
      server.reset(); // after the readiness check: the counters are the load's from here on
      String loadBefore = AccuracyBenchmark.loadAverage().split(" ")[0];
      Path results = dir.resolve("gatling").toAbsolutePath();
      Path gcLog = dir.resolve("client-gc.log").toAbsolutePath();
      int status;
      Optional<SteadyWindow.Result> window;
      try (ChildJvm gatling =
          ChildJvm.start(
              "gatling",
              pin(o, 0),
              classPath,
              clientJvmArgs(o, level, warmups, measured, server.baseUrl(), results, gcLog),
              "io.gatling.app.Gatling",
              List.of(
                  "--simulation", "io.github.gatlingllm.simulations.ServingBenchmark",
                  "--results-folder", results.toString(),
                  "--no-reports"),
              dir.resolve("gatling.log"))) {
        SteadyWindow steady =
            new SteadyWindow(
                server,
                gatling.pid(),
                warmups + Math.round(WINDOW_FROM * measured),
                WINDOW_LENGTH * measured / level.targetRate(o),
                warmups + Math.round(WINDOW_TAIL * measured));
        status = gatling.await(RUN_TIMEOUT);
        steady.close();
        window = steady.result();
        if (window.isEmpty()) {
          System.out.println("no steady window: " + steady.problem());
        }
      }
      if (status != 0) {
        System.out.println("Gatling exited with status " + status + "; see " + dir.resolve("gatling.log"));
      }
      JsonNode truth = server.stats();
      Files.writeString(dir.resolve("server-stats.json"), truth.toPrettyString());
      JsonNode summary = JSON.readTree(summaryFile(results).toFile());
      SendLag lag = level.kind() == Kind.OPEN ? SendLag.open(summary) : SendLag.closed(summary, level.value());
      CalibrationResult.GcSummary gc =
          CalibrationResult.GcSummary.of(
              CalibrationResult.GcSummary.collectorOf(gcLog),
              new GcLog(gcLog).next(),
              CalibrationResult.GcSummary.longestSafepointMs(gcLog));
      CalibrationResult result =
          CalibrationResult.of(runId, commit, o, level, summary, truth, lag, window, gc, loadBefore);
      if (!result.sameRequests()) {
        System.out.println(
            "WARNING: the server's truth holds " + result.truthRequests() + " requests, the client measured "
                + (result.completed() + result.failed()) + ": the comparison is off for this level");
      }
      return result;
    }
  }

  private static List<String> clientJvmArgs(
      CalibrationOptions o, Level level, int warmups, int measured, String baseUrl, Path results, Path gcLog) {
    // What gatling-maven-plugin passes by default, so the client runs as users run it; the heap fixed up front.
    List<String> args = new ArrayList<>(AccuracyBenchmark.GATLING_DEFAULT_JVM_ARGS);
    args.add("-Xms" + o.clientHeap());
    args.add("-Xmx" + o.clientHeap());
    // GC and safepoints, each line with the wall clock (to align with llm-requests.csv's run_origin_epoch_ms) and
    // the JVM's uptime: a stall that no safepoint covers was not the JVM's own pause.
    args.add("-Xlog:gc,safepoint:file=" + gcLog + ":time,uptime");
    args.add("-Dllm.baseUrl=" + baseUrl);
    args.add("-Dllm.model=fast-llm"); // the server's only model: no /v1/models call before the load
    args.add("-Dllm.serverMetrics=off"); // the server has no /metrics; scraping it would only add requests
    args.add("-Dllm.dataset=random");
    args.add("-Dllm.randomInputLen=16");
    args.add("-Dllm.randomOutputLen=" + o.tokens());
    args.add("-Dllm.ignoreEos=true");
    args.add("-Dllm.numWarmups=" + warmups);
    args.add("-Dllm.warmupArrivals=load");
    args.add("-Dllm.preconnect=" + level.preconnect(o));
    args.add("-Dllm.numPrompts=" + measured);
    if (level.kind() == Kind.OPEN) {
      args.add("-Dllm.requestRate=" + level.value());
      args.add("-Dllm.burstiness=1");
    } else {
      args.add("-Dllm.maxConcurrency=" + level.value()); // all arrive at once; N in flight
    }
    args.add("-Dllm.metricPercentiles=50,99");
    args.add("-Dllm.saveDetailed=true"); // the per-request arrays: send times, queue times, latencies
    args.add("-Dllm.resultsDir=" + results);
    args.addAll(o.clientArgs());
    return args;
  }

  private static List<String> pin(CalibrationOptions o, int core) {
    return o.pinned() ? List.of("taskset", "-c", Integer.toString(core)) : List.of();
  }

  /** Each JVM holds about one descriptor per connection; warn before the run when the limit is too low for that. */
  private static void checkDescriptors(Level level, int warmups, CalibrationOptions o) {
    long connections =
        level.kind() == Kind.CLOSED
            ? level.value()
            : (long) Math.ceil(3 * level.value() * level.answerSeconds(o)); // warm-ups are paced: no burst
    long needed = connections + FD_MARGIN;
    long limit = openFilesLimit();
    if (limit > 0 && limit < needed) {
      System.out.println(
          "WARNING: ulimit -n is " + limit + ", this level needs about " + needed + " descriptors per JVM ("
              + connections + " connections + " + FD_MARGIN + "): raise it (ulimit -n " + needed + ") or expect"
              + " connect failures");
    }
  }

  /** The soft limit of open files this JVM (and so its children) has; -1 when unknown. */
  static long openFilesLimit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
          return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no check
    }
    return -1;
  }

  private static void redraw(Path csv, Path svg) throws IOException {
    if (!Files.exists(csv)) {
      System.out.println("no " + csv + " yet: nothing to draw");
      return;
    }
    CalibrationChart.write(CalibrationCsv.latest(CalibrationCsv.read(csv)), svg);
    System.out.println("chart: " + svg);
  }

  private static void appendMarkdown(Path out, CalibrationResult result) throws IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    StringBuilder text = new StringBuilder();
    if (!Files.exists(out)) {
      text.append("Calibration rows (appended by bench/calibrate; columns: BENCHMARKS.md, \"Calibration: client"
              + " limits\")\n\n")
          .append(CalibrationResult.MARKDOWN_HEADER)
          .append('\n');
    }
    text.append(result.markdownRow()).append('\n');
    Files.writeString(out, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static Path summaryFile(Path results) throws IOException {
    try (Stream<Path> files = Files.walk(results, 2)) {
      return files
          .filter(p -> p.getFileName().toString().equals("llm-summary.json"))
          .findFirst()
          .orElseThrow(() -> new IOException("no llm-summary.json under " + results + ": see gatling.log"));
    }
  }

  /**
   * The commit measured: HEAD, with "-dirty" when the code differs from it (sources, pom, gatling.conf; not the results
   * this harness itself writes under bench/results).
   */
  private static String commit() {
    String head = git("rev-parse", "--short", "HEAD");
    if (head.isEmpty()) {
      return "unknown";
    }
    return git("status", "--porcelain", "--", "src", "pom.xml", "gatling.conf").isEmpty() ? head : head + "-dirty";
  }

  private static String git(String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    try {
      Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return git.waitFor() == 0 ? out : "";
    } catch (IOException | InterruptedException e) {
      return "";
    }
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
