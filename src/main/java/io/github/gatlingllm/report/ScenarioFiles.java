package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;

/**
 * One vLLM result file per scenario (e.g. per concurrency level): the summary keys computed on that scenario's
 * requests alone, described as the equivalent {@code vllm bench serve} run ({@code num_prompts} = the scenario's
 * requests, {@code request_rate} = inf, {@code max_concurrency} = its level), plus a one-line-per-scenario table on the
 * console.
 */
public final class ScenarioFiles implements RunOutput {

  /**
   * One scenario's file.
   *
   * @param scenario the Gatling scenario name
   * @param fileName the file written into the run folder
   * @param numPrompts requests the scenario was meant to send
   * @param maxConcurrency the scenario's concurrency, or null
   * @param facts extra keys written at the end of the file (numbers or strings)
   */
  public record Entry(
      String scenario, String fileName, int numPrompts, Integer maxConcurrency, Map<String, Object> facts) {
    public Entry {
      Objects.requireNonNull(scenario, "scenario");
      Objects.requireNonNull(fileName, "fileName");
      facts = Map.copyOf(facts);
    }
  }

  private final List<Entry> entries;
  private final PrintStream console;

  public ScenarioFiles(List<Entry> entries) {
    this(entries, System.out);
  }

  ScenarioFiles(List<Entry> entries, PrintStream console) {
    this.entries = List.copyOf(entries);
    this.console = console;
  }

  /**
   * {@code <model>_<input>-<output>_<concurrency>.json}, with the model's last path segment (as vLLM names its result
   * files) and any character other than letters, digits, {@code .}, {@code _} and {@code -} replaced by {@code _}.
   */
  public static String profileFileName(String model, int inputLen, int outputLen, int concurrency) {
    String base = model.substring(model.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
    return base + "_" + inputLen + "-" + outputLen + "_" + concurrency + ".json";
  }

  @Override
  public void write(RunResults results) throws IOException {
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "%n%s%n", "=".repeat(20) + " Per step " + "=".repeat(20)));
    table.append(
        String.format(
            Locale.ROOT,
            "%-24s %6s %6s %9s %9s %11s %10s %10s %10s%n",
            "scenario", "ok", "failed", "dur (s)", "req/s", "out tok/s", "TTFT (ms)", "TPOT (ms)", "E2EL (ms)"));
    IOException failure = null;
    for (Entry e : entries) {
      // The per-step files hold the step's summary; the per-request arrays are in llm-requests.csv (by scenario).
      SummaryOptions opts = withoutDetail(results.summary().options());
      Optional<BenchmarkSummary> found =
          results.recording().scenario(e.scenario(), describe(results.summary().run(), e), opts);
      if (found.isEmpty()) {
        table.append(String.format(Locale.ROOT, "%-24s (no request finished)%n", e.scenario()));
        continue;
      }
      BenchmarkSummary part = found.get();
      table.append(
          String.format(
              Locale.ROOT,
              "%-24s %6d %6d %9.2f %9.2f %11.2f %10.2f %10.2f %10.2f%n",
              e.scenario(),
              part.completed(),
              part.failed(),
              part.durationSeconds(),
              part.requestThroughput(),
              part.outputThroughput(),
              part.ttft().meanMs(),
              part.tpot().meanMs(),
              part.e2el().meanMs()));
      if (results.folder().isPresent()) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("scenario", e.scenario());
        facts.putAll(e.facts());
        try {
          SummaryJson.write(part, Map.of(), List.of(), facts, results.runFolder().resolve(e.fileName()));
        } catch (IOException ex) {
          failure = ex;
        }
      }
    }
    console.print(table);
    if (results.folder().isPresent()) {
      console.println(
          "Per-step results (" + entries.size() + " files) written to " + results.runFolder().toAbsolutePath());
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static SummaryOptions withoutDetail(SummaryOptions o) {
    return new SummaryOptions(o.percentiles(), o.goodput(), false, false, o.percentileMetrics());
  }

  private static RunDescription describe(RunDescription run, Entry e) {
    return new RunDescription(
        run.backend(),
        run.endpointType(),
        run.label(),
        run.modelId(),
        run.tokenizerId(),
        e.numPrompts(),
        Double.POSITIVE_INFINITY,
        run.burstiness(),
        e.maxConcurrency(),
        run.startEpochMillis(),
        null);
  }
}
