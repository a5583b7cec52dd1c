package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.servermetrics.ServerMetricsResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link RunOutput} receives: the run's summary, every measured request, and the run folder (absent when Gatling
 * created none, e.g. on Gatling Enterprise: print, do not write).
 *
 * @param runFolder the Gatling run folder, or null
 * @param summary the run's LLM summary (its run description and options apply to per-scenario summaries too)
 * @param records every measured request, in the order they finished
 * @param origin the run's time origin, which places the records' nanoTime readings in wall-clock time (the same as
 *     the per-request files use), or null when unknown
 * @param server what the server's metrics showed during the run, or null when they were not sampled
 */
public record RunResults(
    Path runFolder, BenchmarkSummary summary, List<RequestRecord> records, RunOrigin origin,
    ServerMetricsResult server) {

  public RunResults {
    records = List.copyOf(records);
  }

  public RunResults(Path runFolder, BenchmarkSummary summary, List<RequestRecord> records) {
    this(runFolder, summary, records, null, null);
  }

  /** The server's sampled metrics, if any scrape was attempted. */
  public Optional<ServerMetricsResult> serverMetrics() {
    return server != null && server.sampled() ? Optional.of(server) : Optional.empty();
  }

  public Optional<Path> folder() {
    return Optional.ofNullable(runFolder);
  }

  /**
   * Writes {@code value} as pretty JSON to {@code fileName} in the run folder, if there is one.
   *
   * @return the file written, or empty when there is no run folder (Gatling Enterprise: the console is the output)
   */
  public Optional<Path> saveJson(String fileName, Object value) throws IOException {
    if (runFolder == null) {
      return Optional.empty();
    }
    Path file = runFolder.resolve(fileName);
    JsonFiles.write(file, value);
    return Optional.of(file);
  }

  /** The records of one scenario, in finishing order (empty when it sent nothing). */
  public List<RequestRecord> scenario(String name) {
    List<RequestRecord> out = new ArrayList<>();
    for (RequestRecord r : records) {
      if (r.scenario().equals(name)) {
        out.add(r);
      }
    }
    return out;
  }

  /** The records grouped by scenario, in the order each scenario's first record finished. */
  public Map<String, List<RequestRecord>> byScenario() {
    Map<String, List<RequestRecord>> out = new LinkedHashMap<>();
    for (RequestRecord r : records) {
      out.computeIfAbsent(r.scenario(), k -> new ArrayList<>()).add(r);
    }
    return out;
  }
}
