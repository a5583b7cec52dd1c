package io.github.gatlingllm.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Not a unit test: the soak benchmark of BENCHMARKS.md. Starts the mock server in its own JVM (127.0.0.1, free port),
 * runs {@code ServingBenchmark} in a Gatling JVM against it as {@code mvn gatling:test} would (the plugin's default
 * JVM options, -Xmx1G) at a steady Poisson rate for {@code --minutes}, and samples every {@code --interval} seconds:
 *
 * <ul>
 *   <li>the Gatling JVM's heap after a full collection ({@code jcmd <pid> GC.run}, read from its {@code -Xlog:gc}
 *       file): what is still reachable, the live set;
 *   <li>its CPU time (user + system, from /proc through {@link ProcessHandle}) and the finished requests (rows of
 *       the run's llm-requests.csv), hence CPU ms per request;
 *   <li>the size of every file of the Gatling run folder, hence bytes per request.
 * </ul>
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.github.gatlingllm.bench.SoakBenchmark
 * </pre>
 *
 * <p>Writes {@code target/soak/<timestamp>/samples.csv} (rewritten at every sample, so an interrupted run keeps
 * what it sampled), {@code summary.txt} (first third against last third of the load, with verdicts), {@code plot.gp}
 * (and {@code soak.png} when gnuplot is installed), both JVMs' logs and the Gatling run folder. Settings: see
 * {@link SoakOptions}.
 */
public final class SoakBenchmark {
  private static final String SIMULATION = "io.github.gatlingllm.simulations.ServingBenchmark";
  /** Beyond the planned load, how long the run may take before the harness kills it (preparation, drain, reports). */
  private static final Duration OVERTIME = Duration.ofMinutes(15);

  private final SoakOptions options;
  private final Path dir;
  private final List<SoakSample> samples = Collections.synchronizedList(new ArrayList<>());
  private final AtomicBoolean summaryWritten = new AtomicBoolean();
  private volatile String header = "";

  private SoakBenchmark(SoakOptions options) {
    this.options = options;
    this.dir = options.out().toAbsolutePath();
  }

  public static void main(String[] args) throws Exception {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    SoakOptions options = SoakOptions.parse(args, Path.of("target", "soak", stamp));
    int status = new SoakBenchmark(options).run();
    System.exit(status);
  }

  private int run() throws Exception {
    if (Files.exists(dir.resolve("samples.csv"))) {
      throw new IllegalStateException(dir + " already holds a soak run; give another --out");
    }
    Files.createDirectories(dir);
    String classPath = System.getProperty("java.class.path");
    Path gatlingResults = dir.resolve("gatling");
    Path gcLogFile = dir.resolve("gatling-gc.log");
    String loadBefore = AccuracyBenchmark.loadAverage();
    System.out.println(AccuracyBenchmark.machine() + "; load average " + loadBefore);
    System.out.println("results: " + dir);

    int status;
    List<String> knobs =
        List.of("--port=0", "--ttftMs=" + options.ttftMs(), "--itlMs=" + options.itlMs());
    try (MockProcess mock = MockProcess.start(classPath, List.of("-Xmx512m"), knobs, dir.resolve("mock.log"))) {
      List<String> jvm = new ArrayList<>(AccuracyBenchmark.GATLING_DEFAULT_JVM_ARGS);
      jvm.add("-Xmx" + options.clientHeap());
      // One line per collection, never rotated; a file of its own so the console log stays Gatling's.
      jvm.add("-Xlog:gc:file=" + gcLogFile + ":uptime:filecount=0");
      jvm.add("-Dllm.baseUrl=" + mock.baseUrl());
      jvm.add("-Dllm.model=mock-llm");
      jvm.add("-Dllm.numPrompts=" + options.numPrompts());
      jvm.add("-Dllm.requestRate=" + options.rate());
      jvm.add("-Dllm.randomInputLen=" + options.inputLen());
      jvm.add("-Dllm.randomOutputLen=" + options.outputLen());
      jvm.add("-Dllm.resultsDir=" + gatlingResults);
      jvm.addAll(options.clientArgs());
      header = header(mock.baseUrl(), jvm, loadBefore);
      System.out.print(header);
      Runtime.getRuntime().addShutdownHook(new Thread(this::finish, "soak-summary"));

      long started = System.nanoTime();
      try (ChildJvm gatling =
          ChildJvm.start(
              "gatling",
              classPath,
              jvm,
              "io.gatling.app.Gatling",
              List.of("--simulation", SIMULATION, "--results-folder", gatlingResults.toString()),
              dir.resolve("gatling.log"))) {
        status = sampleUntilExit(gatling, mock, gatlingResults, new GcLog(gcLogFile), started);
      }
      System.out.println("Gatling exited with status " + status + "; its console output: " + dir.resolve("gatling.log"));
      header += "Gatling exit status: " + status + "; " + llmSummary(gatlingResults) + "\n";
    }
    finish();
    return status;
  }

  /** Samples every interval while Gatling runs, then once more after it exited (the final file sizes). */
  private int sampleUntilExit(ChildJvm gatling, MockProcess mock, Path results, GcLog gcLog, long started)
      throws Exception {
    long deadline = started + Duration.ofSeconds(Math.round(options.minutes() * 60)).plus(OVERTIME).toNanos();
    LogWatch console = new LogWatch(gatling.log());
    CsvRowCounter rows = null;
    Path runDir = null;
    long pid = gatling.pid();
    for (long k = 0; ; k++) {
      long due = started + TimeUnit.SECONDS.toNanos(k * options.intervalSeconds());
      while (System.nanoTime() < due && gatling.isAlive()) {
        Thread.sleep(Math.min(200, Math.max(1, (due - System.nanoTime()) / 1_000_000)));
      }
      boolean alive = gatling.isAlive();
      if (runDir == null) {
        runDir = newestFolder(results).orElse(null);
        if (runDir != null) {
          rows = new CsvRowCounter(runDir.resolve("llm-requests.csv"));
          header += "Gatling run folder: " + runDir + "\n";
        }
      }
      // The forced collection first, so the CPU time read next includes it in every interval alike.
      double heapAfterFull = Double.NaN;
      double fullPause = Double.NaN;
      List<GcLog.Collection> collections = new ArrayList<>();
      if (alive && options.forceGc() && forceFullGc(pid)) {
        for (int i = 0; i < 40 && collections.stream().noneMatch(GcLog.Collection::forced); i++) {
          collections.addAll(gcLog.next());
          if (collections.stream().noneMatch(GcLog.Collection::forced)) {
            Thread.sleep(50); // the JVM writes the line as the pause ends; give it a moment
          }
        }
      } else {
        collections.addAll(gcLog.next());
      }
      for (GcLog.Collection c : collections) {
        if (c.forced()) {
          heapAfterFull = c.afterMb();
          fullPause = c.pauseMs();
        }
      }
      List<GcLog.Collection> own = collections.stream().filter(c -> !c.forced()).toList();
      double cpu = alive ? cpuSeconds(pid) : Double.NaN;
      long requests = rows == null ? 0 : rows.rows();
      double mockCpu = mock.cpuSeconds();
      try {
        mock.reset(); // the mock's truth keeps every token's timing: start it over to keep the mock's heap bounded
      } catch (IOException e) {
        // the mock is gone or busy: the next sample tries again
      }
      console.scan();
      // The load is over once every request finished or the run printed its end-of-run output.
      boolean over = console.completed || requests >= options.numPrompts();
      String phase = over ? "end" : console.started ? "load" : "start";
      SoakSample sample =
          new SoakSample(
              System.currentTimeMillis(),
              (System.nanoTime() - started) / 1e9,
              phase,
              requests,
              cpu,
              mockCpu,
              heapAfterFull,
              fullPause,
              own.size(),
              own.stream().mapToDouble(GcLog.Collection::afterMb).min().orElse(Double.NaN),
              own.stream().mapToDouble(GcLog.Collection::afterMb).max().orElse(Double.NaN),
              alive ? rssMb(pid) : Double.NaN,
              load1(),
              runDir == null ? Map.of() : fileSizes(runDir));
      samples.add(sample);
      SoakReport.writeCsv(dir.resolve("samples.csv"), snapshot());
      System.out.printf(Locale.ROOT, "[soak] %6.0f s %-5s requests %7d  heap after full GC %7s MB  CPU %8s s%n",
          sample.elapsedS(), phase, requests, SoakReport.num(heapAfterFull, 0), SoakReport.num(cpu, 1));
      if (!alive) {
        return gatling.await(Duration.ofSeconds(10));
      }
      if (System.nanoTime() > deadline) {
        header += "The run overran its planned length by " + OVERTIME + ": the harness killed Gatling.\n";
        gatling.close();
      }
    }
  }

  /** Writes the summary once: at the normal end, or from the shutdown hook when the run is interrupted. */
  private void finish() {
    if (!summaryWritten.compareAndSet(false, true)) {
      return;
    }
    try {
      List<SoakSample> all = snapshot();
      String summary = SoakReport.summary(all, header);
      Files.writeString(dir.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("plot.gp"), SoakReport.gnuplotScript(all), StandardCharsets.UTF_8);
      System.out.println();
      System.out.print(summary);
      System.out.println("samples: " + dir.resolve("samples.csv"));
      System.out.println("summary: " + dir.resolve("summary.txt"));
      plot();
    } catch (IOException | RuntimeException e) {
      System.err.println("soak: could not write the summary: " + e);
    }
  }

  /** soak.png, only when gnuplot is on the PATH (optional: the CSV is the result). */
  private void plot() {
    try {
      Process p =
          new ProcessBuilder("gnuplot", "plot.gp")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("gnuplot.log").toFile())
              .start();
      if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
        System.out.println("chart:   " + dir.resolve("soak.png"));
      } else {
        p.destroyForcibly();
        System.out.println("gnuplot failed; see " + dir.resolve("gnuplot.log"));
      }
    } catch (IOException e) {
      System.out.println("no gnuplot on the PATH: no chart (apt-get install gnuplot-nox, then: cd " + dir
          + " && gnuplot plot.gp)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<SoakSample> snapshot() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  private String header(String baseUrl, List<String> jvm, String loadBefore) {
    return String.format(
        Locale.ROOT,
        "Soak benchmark, %s, results in %s%n"
            + "Load: %s against the mock at %s (own JVM, -Xmx512m, TTFT %.0f ms, ITL %.0f ms), Poisson %.1f req/s"
            + " for %.1f min = %d requests, %d prompt tokens, %d output tokens (ignore_eos)%n"
            + "Gatling JVM: %s%n"
            + "Heap: %s, every %d s%n"
            + "%s; load average before: %s%n",
        Instant.now(),
        dir,
        SIMULATION.substring(SIMULATION.lastIndexOf('.') + 1),
        baseUrl,
        options.ttftMs(),
        options.itlMs(),
        options.rate(),
        options.minutes(),
        options.numPrompts(),
        options.inputLen(),
        options.outputLen(),
        String.join(" ", jvm),
        options.forceGc()
            ? "after a full collection forced with jcmd GC.run"
            : "least heap after the JVM's own collections in each interval (no forced collection)",
        options.intervalSeconds(),
        AccuracyBenchmark.machine(),
        loadBefore);
  }

  /** The run's own count of requests, from the llm-summary.json Gatling writes at the end. */
  private static String llmSummary(Path results) {
    try (Stream<Path> files = Files.walk(results, 2)) {
      Optional<Path> json = files.filter(p -> p.getFileName().toString().equals("llm-summary.json")).findFirst();
      if (json.isEmpty()) {
        return "no llm-summary.json (the run did not finish)";
      }
      var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.get().toFile());
      return String.format(
          Locale.ROOT,
          "llm-summary.json: %d completed, %d failed, %.1f s, client CPU %.1f s",
          node.path("completed").asLong(),
          node.path("failed").asLong(),
          node.path("duration").asDouble(),
          node.path("client_cpu_seconds").asDouble());
    } catch (IOException e) {
      return "llm-summary.json unreadable: " + e.getMessage();
    }
  }

  // --- probes ---

  /** {@code jcmd <pid> GC.run}: a full, compacting collection; false when it could not be done. */
  private static boolean forceFullGc(long pid) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process p =
          new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid), "GC.run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static double cpuSeconds(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(h -> h.info().totalCpuDuration())
        .map(d -> d.toNanos() / 1e9)
        .orElse(Double.NaN);
  }

  /** VmRSS from /proc/&lt;pid&gt;/status. */
  private static double rssMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process just ended
    }
    return Double.NaN;
  }

  /**
   * Sizes of the run folder's files: each file directly in it by name, each sub-folder (the HTML report's js/,
   * style/) as one total named {@code <folder>/}.
   */
  static Map<String, Long> fileSizes(Path runDir) throws IOException {
    Map<String, Long> sizes = new TreeMap<>(Comparator.comparing((String s) -> s.endsWith("/")).thenComparing(s -> s));
    try (Stream<Path> files = Files.walk(runDir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (!Files.isRegularFile(p)) {
          continue;
        }
        Path rel = runDir.relativize(p);
        String name = rel.getNameCount() == 1 ? rel.toString() : rel.getName(0) + "/";
        long size;
        try {
          size = Files.size(p);
        } catch (IOException e) {
          continue; // removed meanwhile
        }
        sizes.merge(name, size, Long::sum);
      }
    }
    return sizes;
  }

  /** The newest folder under Gatling's results folder: the run folder (the results folder is the harness's own). */
  private static Optional<Path> newestFolder(Path results) throws IOException {
    if (!Files.isDirectory(results)) {
      return Optional.empty();
    }
    try (Stream<Path> children = Files.list(results)) {
      return children
          .filter(Files::isDirectory)
          .max(Comparator.comparingLong(
              p -> {
                try {
                  return Files.getLastModifiedTime(p).toMillis();
                } catch (IOException e) {
                  return 0L;
                }
              }));
    }
  }

  private static double load1() {
    try {
      return Double.parseDouble(AccuracyBenchmark.loadAverage().split(" ")[0]);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Follows Gatling's console output for the start and end of the load. */
  private static final class LogWatch {
    /** Lines printed once the load is over: the LLM summary block, Gatling's report phase. */
    private static final List<String> END_MARKERS =
        List.of(
            "============ Serving Benchmark Result",
            "LLM summary written to",
            "Parsing log file(s)",
            "Simulation " + SIMULATION + " completed in");

    private final Path log;
    private long offset;
    private String carry = "";
    boolean started;
    boolean completed;

    LogWatch(Path log) {
      this.log = log;
    }

    void scan() throws IOException {
      if (!Files.isRegularFile(log)) {
        return;
      }
      byte[] added;
      try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
        long length = in.length();
        if (length <= offset) {
          return;
        }
        added = new byte[(int) Math.min(length - offset, 16L << 20)];
        in.seek(offset);
        in.readFully(added);
        offset += added.length;
      }
      String text = carry + new String(added, StandardCharsets.UTF_8);
      int lastBreak = text.lastIndexOf('\n');
      carry = text.substring(lastBreak + 1);
      for (String line : text.substring(0, lastBreak + 1).split("\n")) {
        if (line.startsWith("Simulation " + SIMULATION + " started")) {
          started = true;
        } else if (END_MARKERS.stream().anyMatch(line::startsWith)) {
          completed = true;
        }
      }
    }
  }
}
