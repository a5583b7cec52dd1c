package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.GoodputSlo;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.SampleBudget;
import io.github.gatlingllm.metrics.SummaryOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.time.Duration;
import io.github.gatlingllm.report.chart.ScenarioBreakdown;

/**
 * Recomputes a run's summary from its {@code llm-requests.csv}, or merges the files of several load generators (a
 * fleet's injectors) into one summary: prints the console block and writes {@code llm-summary.json}, {@code
 * llm-summary.txt} and {@code llm-report.html}, the LLM block in a page of its own ({@link StandaloneReport}). Several
 * files are first checked to be one run ({@link MergeChecks}: one run id, clocks within {@code --clock-tolerance},
 * distinct request ids).
 *
 * <pre>
 * java -cp ... io.github.gatlingllm.report.Recompute [--percentiles=50,90,99] [--goodput=ttft:500]
 *     [--save-detailed] [--exact-limit=N] [--clock-tolerance=60s] [--out=DIR] file1.csv [file2.csv ...]
 * </pre>
 *
 * <p>The files are streamed row by row; the statistics keep every raw value (8 bytes per ITL sample: give the JVM the
 * heap, or bound it with {@code --exact-limit}), so the figures are exact at any size. From one file they are those
 * of the live run (the CSV keeps every time to the nanosecond), and exact also where the live run, past its memory
 * budget, read its percentiles off a histogram. Several
 * files are put on one time line by their origins' wall-clock times ({@link RequestCsvReader}): this assumes the
 * generators' clocks agree (NTP), and only the duration, throughputs and peaks depend on it. The run description
 * (model, rate ...) comes from the {@code llm-summary.json} next to each CSV when there is one.
 */
public final class Recompute {
  static final String USAGE =
      "Usage: Recompute [--percentiles=50,90,99] [--goodput=ttft:500,tpot:50] [--save-detailed] [--exact-limit=N]"
          + " [--clock-tolerance=60s] [--out=DIR]"
          + " llm-requests.csv [more.csv ...]";

  private Recompute() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * The command without exiting: 0 = done, 1 = a file could not be read or written, 2 = bad arguments, 3 = the files
   * are not one run ({@link MergeChecks}: run ids, clocks, request ids).
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Arguments parsed;
    try {
      parsed = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    }
    if (parsed == null) {
      out.println(USAGE);
      return 0;
    }
    try {
      for (String note : MergeChecks.check(parsed.files, parsed.clockTolerance)) {
        out.println(note);
      }
    } catch (MergeChecks.MergeException e) {
      err.println(e.getMessage());
      return 3;
    } catch (IOException e) {
      err.println(e.getMessage());
      return 1;
    }
    try {
      // Streamed into what a live run's end is made from: the statistics keep every value (exact), the charts their
      // fixed-size series; the rows themselves are not kept. The time line's zero is the earliest file's origin.
      RunRecording recording =
          new RunRecording(parsed.options, 0, parsed.exactLimit, SampleBudget.unlimited());
      RequestCsvReader.Streamed read = RequestCsvReader.stream(parsed.files, recording::add);
      recording.advance(Long.MAX_VALUE);
      read.droppedPartialRows().forEach(err::println);
      List<RunDescription> saved = new ArrayList<>();
      for (Path file : parsed.files) {
        SavedRunDescription.nextTo(file).ifPresent(saved::add);
      }
      int rows = (int) Math.min(Integer.MAX_VALUE, read.rows());
      RunDescription run =
          saved.isEmpty()
              ? SavedRunDescription.unknown(rows, read.originEpochMillis())
              : SavedRunDescription.merge(saved, rows, read.originEpochMillis());
      BenchmarkSummary summary = recording.summary(run);
      out.print(ConsoleBlock.render(summary));
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("recomputed_from", String.join(" ", parsed.files.stream().map(Path::toString).toList()));
      if (parsed.files.size() > 1) {
        facts.put("merged_files", parsed.files.size());
      }
      Optional<String> runId = MergeChecks.runId(parsed.files.get(0));
      runId.ifPresent(id -> facts.put("run_id", id));
      Map<String, BenchmarkSummary> scenarios = new TreeMap<>();
      if (recording.scenarioCount() > 1) {
        for (ScenarioBreakdown.Row row : recording.scenarios(run, parsed.options)) {
          scenarios.put(row.scenario(), row.summary());
        }
      }
      // vLLM's per-request arrays need every request at once: only read into memory when asked for.
      List<RequestRecord> detailed =
          parsed.saveDetailed ? RequestCsvReader.read(parsed.files).records() : List.of();
      Files.createDirectories(parsed.out);
      Path json = parsed.out.resolve(SummaryJson.FILE_NAME);
      SummaryJson.write(summary, scenarios, detailed, facts, json);
      SummaryText.write(summary, parsed.out.resolve(SummaryText.FILE_NAME));
      StandaloneReport.Written page =
          StandaloneReport.write(
              parsed.out,
              "LLM report" + runId.map(id -> " - run " + id).orElse("")
                  + (parsed.files.size() > 1 ? " (" + parsed.files.size() + " injectors merged)" : ""),
              HtmlSummaryBlock.forRun(recording, List.of(), null).render(summary),
              parsed.files.stream().map(f -> f.toAbsolutePath().getParent()).toList());
      if (parsed.files.size() > 1) {
        out.println(
            "Merged " + parsed.files.size() + " files on their wall-clock origins (assumes NTP-synced generators)");
      }
      out.println("LLM summary written to " + json.toAbsolutePath());
      out.println("LLM report written to " + page.page().toAbsolutePath()
          + (page.charts() ? "" : " (without charts: Highcharts not found, see the page)"));
      return 0;
    } catch (IOException e) {
      err.println(e.getMessage());
      return 1;
    }
  }

  /** The parsed command line. */
  private static final class Arguments {
    List<Double> percentiles = List.of(99.0);
    GoodputSlo goodput;
    boolean saveDetailed;
    /** Raw values kept per metric: every one by default, so that the figures are exact at any size. */
    int exactLimit = Integer.MAX_VALUE - 8;
    Path out = Path.of(".");
    Duration clockTolerance = MergeChecks.DEFAULT_CLOCK_TOLERANCE;
    final List<Path> files = new ArrayList<>();
    SummaryOptions options;

    /** Null for --help. */
    static Arguments parse(String[] args) {
      Arguments a = new Arguments();
      for (String arg : args) {
        if (arg.equals("--help") || arg.equals("-h")) {
          return null;
        } else if (arg.startsWith("--percentiles=")) {
          a.percentiles = SummaryOptions.parsePercentiles(value(arg));
        } else if (arg.startsWith("--goodput=")) {
          a.goodput = GoodputSlo.parse(value(arg));
        } else if (arg.startsWith("--exact-limit=")) {
          a.exactLimit = exactLimit(value(arg));
        } else if (arg.equals("--save-detailed")) {
          a.saveDetailed = true;
        } else if (arg.startsWith("--clock-tolerance=")) {
          a.clockTolerance = clockTolerance(value(arg));
        } else if (arg.startsWith("--out=")) {
          a.out = Path.of(value(arg).isEmpty() ? "." : value(arg));
        } else if (arg.startsWith("--")) {
          throw new IllegalArgumentException("Unknown option '" + arg + "'");
        } else {
          Path file = Path.of(arg);
          if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No such file: '" + arg + "' (expected an llm-requests.csv)");
          }
          a.files.add(file);
        }
      }
      if (a.files.isEmpty()) {
        throw new IllegalArgumentException("No CSV file given");
      }
      a.options = new SummaryOptions(a.percentiles, a.goodput, false, a.saveDetailed);
      return a;
    }

    private static int exactLimit(String value) {
      try {
        int n = Integer.parseInt(value.trim());
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          "--exact-limit=" + value + ": expected a whole number of values >= 0 (raw values kept per metric)");
    }

    /** A duration as the properties take them ({@code 60s}, {@code 500ms}, {@code 2m}, or plain seconds). */
    private static Duration clockTolerance(String value) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?").matcher(value.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "--clock-tolerance=" + value + ": expected a duration such as 60s, 500ms or 2m");
      }
      double amount = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      double millis = unit.equals("ms") ? amount : unit.equals("s") ? amount * 1_000 : amount * 60_000;
      return Duration.ofMillis(Math.round(millis));
    }

    private static String value(String arg) {
      return arg.substring(arg.indexOf('=') + 1);
    }
  }
}
