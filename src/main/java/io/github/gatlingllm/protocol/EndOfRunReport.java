package io.github.gatlingllm.protocol;

import io.github.gatlingllm.health.HealthReport;
import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.LoadDescription;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.report.ConsoleBlock;
import io.github.gatlingllm.report.DroppedRows;
import io.github.gatlingllm.report.FolderLookup;
import io.github.gatlingllm.report.HtmlReportInjector;
import io.github.gatlingllm.report.HtmlSloChecks;
import io.github.gatlingllm.report.HtmlSummaryBlock;
import io.github.gatlingllm.report.RunExtension;
import io.github.gatlingllm.report.ReplayReport;
import io.github.gatlingllm.capacity.CapacityFacts;
import io.github.gatlingllm.report.RunOrigin;
import io.github.gatlingllm.report.RunOutput;
import io.github.gatlingllm.report.RequestCsvReader;
import io.github.gatlingllm.report.RequestCsvWriter;
import io.github.gatlingllm.report.RunRecording;
import io.github.gatlingllm.report.RunResults;
import io.github.gatlingllm.report.chart.ScenarioBreakdown;
import io.github.gatlingllm.report.SummaryChecks;
import io.github.gatlingllm.report.SummaryJson;
import io.github.gatlingllm.report.SummaryLogLine;
import io.github.gatlingllm.report.SummaryText;
import io.github.gatlingllm.report.ServerMetricsBlock;
import io.github.gatlingllm.servermetrics.ServerMetricsJson;
import io.github.gatlingllm.servermetrics.ServerMetricsResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a run: the LLM summary computed from what every recorded request left, printed to the console (also what Gatling
 * Enterprise shows, where no report folder exists), written next to Gatling's {@code simulation.log}, and later added
 * to Gatling's {@code index.html}.
 */
final class EndOfRunReport {
  private static final Logger LOG = LoggerFactory.getLogger(EndOfRunReport.class);
  static final String SUMMARY_JSON = SummaryJson.FILE_NAME;
  static final String SUMMARY_TEXT = SummaryText.FILE_NAME;

  /** Keys this class adds to llm-summary.json besides the summary's own (SLO checks may use them). */
  private static final Set<String> RUN_FACT_KEYS =
      Set.of("start_nanotime", "client_cpu_seconds", "client_wall_seconds", "client_cores_used", "client_cores_available",
          DroppedRows.KEY);

  /**
   * What was written: the run folder (null when none was found), the summary and the SLO check results (empty when
   * there are no checks).
   */
  record Written(
      Path runFolder,
      BenchmarkSummary summary,
      RunRecording recording,
      List<SummaryChecks.Result> checks,
      ServerMetricsResult server,
      List<RunExtension> extensions) {
    long failedChecks() {
      return checks.stream().filter(r -> !r.passed()).count();
    }
  }

  private EndOfRunReport() {}

  static Written write(
      RunRecording recording,
      ReportSettings report,
      RunDescription run,
      LoadDescription load,
      ClientCpu.Usage cpu,
      FolderLookup runFolderLookup,
      boolean interrupted,
      RunOrigin origin,
      ServerMetricsResult server,
      DroppedRows dropped,
      List<RunExtension> extensions) {
    BenchmarkSummary summary = recording.summary(run);
    System.out.println();
    if (!load.complete()) {
      // The summary's null rate (or counted num_prompts) says it; this line says why.
      System.out.println("Load: " + load.text());
    }
    System.out.print(ConsoleBlock.render(summary));
    Map<String, Object> runFacts = new LinkedHashMap<>();
    // The raw System.nanoTime() origin of start_times: on Linux a clock shared with other processes, so that a
    // server on the same machine (the mock's /mock/stats) can be compared with the send times instant by instant.
    runFacts.put("start_nanotime", summary.startNanos());
    // What Recompute checks before merging a fleet's files: one run id, each injector's place in it.
    runFacts.put("run_id", report.injector().runId());
    runFacts.put("injector_index", report.injector().index());
    runFacts.put("injector_count", report.injector().count());
    if (cpu != null) {
      System.out.printf(
          Locale.ROOT,
          "Load generator CPU: %.2f s over %.2f s of load = %.2f of %d cores%n",
          cpu.cpuSeconds(),
          cpu.wallSeconds(),
          cpu.coresUsed(),
          cpu.cores());
      runFacts.put("client_cpu_seconds", cpu.cpuSeconds());
      runFacts.put("client_wall_seconds", cpu.wallSeconds());
      runFacts.put("client_cores_used", cpu.coresUsed());
      runFacts.put("client_cores_available", cpu.cores());
    }
    // Before the checks, so that a check can gate on complete per-request files (dropped_rows == 0).
    runFacts.put(DroppedRows.KEY, dropped.total());
    if (dropped.total() > 0) {
      System.out.println(dropped.consoleLine());
    }
    for (RunExtension extension : extensions) {
      // Before the checks, so that a check can gate on what a load found (capacity_rps>=8).
      try {
        runFacts.putAll(extension.summaryFacts());
        extension.consoleLines().forEach(System.out::println);
      } catch (RuntimeException e) {
        LOG.error("A load's extension could not give its figures", e);
      }
    }
    List<SummaryChecks.Result> checks = SummaryChecks.evaluate(report.checks(), summary, runFacts);
    if (!checks.isEmpty()) {
      System.out.print(SummaryChecks.render(checks));
      List<Map<String, Object>> results = new ArrayList<>();
      for (SummaryChecks.Result r : checks) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("check", r.check().toString());
        result.put("actual", r.actual());
        result.put("passed", r.passed());
        results.add(result);
      }
      runFacts.put("slo_checks", results);
    }
    if (server != null && server.sampled()) {
      System.out.print(ServerMetricsBlock.render(server, summary.prefixCache()));
      runFacts.put(ServerMetricsJson.KEY, ServerMetricsJson.of(server));
    }
    if (interrupted) {
      System.out.println(
          "(interrupted run: the summary covers the " + recording.statistics().requests() + " requests recorded)");
    }
    // This run's own folder, named by Gatling's id for this run (see ThisRunFolder).
    Optional<Path> runFolder;
    try {
      runFolder = runFolderLookup.find();
    } catch (IOException e) {
      LOG.error("Could not look for {}", runFolderLookup.describe(), e);
      runFolder = Optional.empty();
    }
    if (runFolder.isEmpty()) {
      LOG.warn("Not found: {}. The LLM summary was only printed, and as one JSON line ({}...)",
          runFolderLookup.describe(), SummaryLogLine.PREFIX.strip());
      printJsonLine(summary, scenarioSummaries(recording, run), runFacts);
      runOutputs(report, extensions, new RunResults(null, summary, recording, origin, server));
      return new Written(null, summary, recording, checks, server, extensions);
    }
    Path folder = runFolder.get();
    try {
      SummaryJson.write(
          summary, scenarioSummaries(recording, run), detailed(summary, folder, origin), runFacts, folder.resolve(SUMMARY_JSON));
      SummaryText.write(summary, folder.resolve(SUMMARY_TEXT));
      System.out.println("LLM summary written to " + folder.resolve(SUMMARY_JSON).toAbsolutePath());
    } catch (IOException e) {
      LOG.error("Could not write the LLM summary files into {}", folder, e);
    }
    runOutputs(report, extensions, new RunResults(folder, summary, recording, origin, server));
    return new Written(folder, summary, recording, checks, server, extensions);
  }

  /**
   * llm-summary.json as one line of the console (Gatling Enterprise: the injector's log), since there is no folder to
   * write it into.
   */
  static void printJsonLine(
      BenchmarkSummary summary, Map<String, BenchmarkSummary> scenarios, Map<String, Object> runFacts) {
    try {
      System.out.println(SummaryLogLine.render(summary, scenarios, runFacts));
    } catch (IOException | RuntimeException e) {
      LOG.error("Could not print the LLM summary as JSON", e);
    }
  }

  /** Each scenario's summary by name, when there are several (the {@code scenarios} key of llm-summary.json). */
  private static Map<String, BenchmarkSummary> scenarioSummaries(RunRecording recording, RunDescription run) {
    Map<String, BenchmarkSummary> out = new TreeMap<>();
    if (recording.scenarioCount() > 1) {
      for (ScenarioBreakdown.Row row : recording.scenarios(run, recording.options())) {
        out.put(row.scenario(), row.summary());
      }
    }
    return out;
  }

  /**
   * The requests for vLLM's per-request arrays ({@code saveDetailed} only), read back from this run's
   * llm-requests.csv: the run itself keeps no request. Reading them is the one end-of-run step whose memory follows
   * the number of requests, which is why it is opt-in (as in vLLM). The file's times count from the run's origin;
   * they are put back on {@link System#nanoTime()}, the clock of the summary's own start ({@code start_times} are
   * send times since it).
   */
  private static List<RequestRecord> detailed(BenchmarkSummary summary, Path folder, RunOrigin origin) {
    if (!summary.options().saveDetailed()) {
      return List.of();
    }
    Path csv = folder.resolve(RequestCsvWriter.FILE_NAME);
    try {
      List<RequestRecord> read = RequestCsvReader.read(csv).records();
      List<RequestRecord> onNanoTime = new ArrayList<>(read.size());
      for (RequestRecord r : read) {
        onNanoTime.add(RequestCsvReader.shifted(r, origin.nanoTime()));
      }
      return onNanoTime;
    } catch (IOException | RuntimeException e) {
      LOG.error("Could not read {} back for the per-request arrays of {}", csv, SUMMARY_JSON, e);
      return List.of();
    }
  }

  /**
   * The simulation's own end-of-run outputs, then the loads' extensions, each on its own: one failing does not stop
   * the others.
   */
  private static void runOutputs(ReportSettings report, List<RunExtension> extensions, RunResults results) {
    List<RunOutput> all = new ArrayList<>(report.outputs());
    all.addAll(extensions);
    for (RunOutput output : all) {
      try {
        output.write(results);
      } catch (IOException | RuntimeException e) {
        LOG.error("An end-of-run output failed", e);
      }
    }
  }

  /** Adds the summary block to Gatling's HTML report, once Gatling has written it. */
  static void addToHtmlReport(Written written) {
    if (written.runFolder() == null) {
      return;
    }
    Path index = written.runFolder().resolve("index.html");
    if (!Files.exists(index)) {
      return; // interrupted run, or reports disabled: nothing to add to
    }
    // Nothing here may throw past this method: the exit status of failed SLO checks is set after it.
    try {
      List<HtmlSummaryBlock.Part> parts = new ArrayList<>(HtmlSloChecks.parts(written.checks()));
      for (RunExtension extension : written.extensions()) {
        parts.add(guarded(extension));
      }
      HtmlReportInjector.inject(index, written.summary(), written.recording(), parts, written.server());
    } catch (IOException | RuntimeException e) {
      LOG.error("Could not add the LLM summary to {}", index, e);
    }
  }

  /** An extension's boxes as one part that renders nothing, and logs why, when the extension fails. */
  private static HtmlSummaryBlock.Part guarded(RunExtension extension) {
    return summary -> {
      try {
        StringBuilder html = new StringBuilder();
        for (HtmlSummaryBlock.Part part : extension.htmlParts()) {
          html.append(part.render(summary));
        }
        return html.toString();
      } catch (RuntimeException e) {
        LOG.error("A load's extension could not render its part of the HTML report", e);
        return "";
      }
    };
  }

  /** Fails on a clause whose key llm-summary.json will not hold as a number with these settings. */
  static void validateChecks(ReportSettings report, int maxConcurrency) {
    if (report.checks().isEmpty()) {
      return;
    }
    // The load is described by the populations, built after this check: accept the keys any load can give (a finite
    // rate's and a ramp's); a key the finished run does not hold then fails its clause at the end, saying so.
    Set<String> numeric = new HashSet<>(RUN_FACT_KEYS);
    // What a load's extension may add; a run without one then fails such a clause at the end, saying why.
    numeric.addAll(CapacityFacts.KEYS);
    numeric.addAll(ReplayReport.NUMERIC_KEYS);
    numeric.addAll(HealthReport.NUMERIC_KEYS);
    numeric.addAll(SummaryJson.numericKeys(options(report), true, maxConcurrency > 0, true));
    SummaryChecks.validate(report.checks(), numeric);
  }

  static SummaryOptions options(ReportSettings report) {
    return new SummaryOptions(
        report.percentiles(), report.goodput(), report.logRequests(), report.saveDetailed(), report.percentileMetrics());
  }
}
