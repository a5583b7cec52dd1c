package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.GoodputSlo;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryCalculator;
import io.github.gatlingllm.metrics.SummaryOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes a run's summary from its {@code llm-requests.csv}, or merges the files of several load generators into
 * one summary: prints the console block and writes {@code llm-summary.json} and {@code llm-summary.txt}.
 *
 * <pre>
 * java -cp ... io.github.gatlingllm.report.Recompute [--percentiles=50,90,99] [--goodput=ttft:500]
 *     [--save-detailed] [--out=DIR] file1.csv [file2.csv ...]
 * </pre>
 *
 * <p>From one file the figures are exactly those of the live run (the CSV keeps every time to the nanosecond). Several
 * files are put on one time line by their origins' wall-clock times ({@link RequestCsvReader}): this assumes the
 * generators' clocks agree (NTP), and only the duration, throughputs and peaks depend on it. The run description
 * (model, rate ...) comes from the {@code llm-summary.json} next to each CSV when there is one.
 */
public final class Recompute {
  static final String USAGE =
      "Usage: Recompute [--percentiles=50,90,99] [--goodput=ttft:500,tpot:50] [--save-detailed] [--out=DIR]"
          + " llm-requests.csv [more.csv ...]";

  private Recompute() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** The command without exiting: 0 = done, 1 = a file could not be read or written, 2 = bad arguments. */
  static int run(String[] args, PrintStream out, PrintStream err) {
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
      RequestCsvReader.Result read = RequestCsvReader.read(parsed.files);
      read.droppedPartialRows().forEach(err::println);
      List<RunDescription> saved = new ArrayList<>();
      for (Path file : parsed.files) {
        SavedRunDescription.nextTo(file).ifPresent(saved::add);
      }
      RunDescription run =
          saved.isEmpty()
              ? SavedRunDescription.unknown(read.records().size(), read.originEpochMillis())
              : SavedRunDescription.merge(saved, read.records().size(), read.originEpochMillis());
      BenchmarkSummary summary = SummaryCalculator.compute(read.records(), run, parsed.options);
      out.print(ConsoleBlock.render(summary));
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("recomputed_from", String.join(" ", parsed.files.stream().map(Path::toString).toList()));
      Files.createDirectories(parsed.out);
      Path json = parsed.out.resolve(SummaryJson.FILE_NAME);
      SummaryJson.write(summary, read.records(), facts, json);
      SummaryText.write(summary, parsed.out.resolve(SummaryText.FILE_NAME));
      if (parsed.files.size() > 1) {
        out.println(
            "Merged " + parsed.files.size() + " files on their wall-clock origins (assumes NTP-synced generators)");
      }
      out.println("LLM summary written to " + json.toAbsolutePath());
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
    Path out = Path.of(".");
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
        } else if (arg.equals("--save-detailed")) {
          a.saveDetailed = true;
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

    private static String value(String arg) {
      return arg.substring(arg.indexOf('=') + 1);
    }
  }
}
