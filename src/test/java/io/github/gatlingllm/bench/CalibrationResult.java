package io.github.gatlingllm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One level of the calibration: what the client (Gatling with the plugin) reported next to what the server did, and
 * what it cost the client. Errors are client minus truth (positive: the client over-reads). Times in ms.
 */
record CalibrationResult(
    String runId,
    String commit,
    String mode,
    String label,
    String kind,
    int level,
    long ttftMs,
    long itlMs,
    int tokens,
    int clientCpus,
    double targetRate,
    double achievedRate,
    int measured,
    long completed,
    long failed,
    String failures,
    long truthRequests,
    double lagP50,
    double lagP99,
    double lagMax,
    double clientMeanTtft,
    double wireMeanTtft,
    double serverMeanTtft,
    double clientMedianItl,
    double serverMedianItl,
    double clientP99Itl,
    double serverP99Itl,
    double clientWorkCores,
    double clientJitCores,
    double clientGcCores,
    double usPerRequest,
    double usPerChunk,
    long windowRequests,
    long connections,
    int gcCount,
    double gcMaxPauseMs,
    double heapMaxAfterGcMb,
    double serverCores,
    double serverLateMean,
    double serverLateP99,
    double serverLateMax,
    String loadBefore,
    long windowConnections,
    String gcCollector,
    int gcFullCount,
    double healthLagP99,
    double healthLagMax,
    long healthFlagged,
    String healthBottleneck,
    double safepointMaxMs) {

  /** The columns of the raw CSV, in order (the chart reads them by name, so new ones may be added at the end). */
  static final List<String> CSV_COLUMNS =
      List.of(
          "run_id", "commit", "mode", "label", "kind", "level", "ttft_ms", "itl_ms", "tokens", "client_cpus",
          "target_rate", "achieved_rate", "measured", "completed", "failed", "failures", "truth_requests",
          "lag_p50_ms", "lag_p99_ms", "lag_max_ms", "client_mean_ttft_ms", "wire_mean_ttft_ms", "server_mean_ttft_ms",
          "ttft_err_wire_ms", "ttft_err_server_ms", "client_median_itl_ms", "server_median_itl_ms",
          "client_p99_itl_ms", "server_p99_itl_ms", "client_work_cores", "client_jit_cores", "client_gc_cores",
          "client_us_per_request", "client_us_per_chunk", "window_requests", "connections", "gc_count",
          "gc_max_pause_ms", "heap_max_after_gc_mb", "server_cores", "server_late_mean_ms", "server_late_p99_ms",
          "server_late_max_ms", "load_before", "window_connections", "gc_collector",
          "gc_full_count", "health_loop_lag_p99_ms", "health_loop_lag_max_ms", "health_flagged_requests",
          "health_client_bottleneck", "safepoint_max_ms");

  static final String MARKDOWN_HEADER =
      "| run | level | ITL | target / achieved req/s | requests (failed) | send lag p50 / p99 / max | TTFT client /"
          + " wire / server | TTFT err vs wire | TTFT err vs server | ITL median err | ITL p99 client / server |"
          + " client cores work / JIT | client µs per request / chunk | conns (in window) | GC: collector, heap max"
          + " after (MB), GCs (full), max pause; longest safepoint | server cores, late mean / p99 / max | client's own health: loop lag p99 /"
          + " max, flagged requests, bottleneck | load before |\n"
          + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|";

  /** Client minus wire truth: the client's own TTFT error. */
  double ttftErrWire() {
    return clientMeanTtft - wireMeanTtft;
  }

  /** Client minus the server's stamps (from its read of the request): adds the time requests waited to be read. */
  double ttftErrServer() {
    return clientMeanTtft - serverMeanTtft;
  }

  boolean sameRequests() {
    return completed + failed == truthRequests;
  }

  /** The figures the level's inputs give; the steady window may be missing (then CPU figures are NaN). */
  static CalibrationResult of(
      String runId,
      String commit,
      CalibrationOptions options,
      CalibrationOptions.Level level,
      JsonNode summary,
      JsonNode truth,
      SendLag lag,
      Optional<SteadyWindow.Result> window,
      GcSummary gc,
      String loadBefore) {
    double nan = Double.NaN;
    ThreadCpu.Delta client = window.map(SteadyWindow.Result::client).orElse(null);
    ThreadCpu.Delta server = window.map(SteadyWindow.Result::server).orElse(null);
    long windowRequests = window.map(SteadyWindow.Result::requests).orElse(0L);
    double perRequest = client == null || windowRequests == 0 ? nan : client.workSeconds() / windowRequests * 1e6;
    JsonNode firstChunk = truth.path("mean_first_chunk_nanotime");
    double wire = firstChunk.isNumber() ? LevelResult.wireMeanTtftMillis(summary, truth) : nan;
    return new CalibrationResult(
        runId,
        commit,
        options.mode(),
        options.label().replace(',', ' '),
        level.kind().id(),
        level.value(),
        options.ttftMs(),
        level.itlMs(options),
        options.tokens(),
        summary.path("client_cores_available").asInt(-1),
        level.targetRate(options),
        lag.achievedRate(),
        level.measuredRequests(options),
        summary.path("completed").asLong(),
        summary.path("failed").asLong(),
        failures(summary.path("errors_by_category")),
        truth.path("requests").asLong(),
        lag.p50Ms(),
        lag.p99Ms(),
        lag.maxMs(),
        number(summary, "mean_ttft_ms"),
        wire,
        number(truth.path("ttft_ms"), "mean"),
        number(summary, "median_itl_ms"),
        number(truth.path("itl_ms"), "median"),
        number(summary, "p99_itl_ms"),
        number(truth.path("itl_ms"), "p99"),
        client == null ? nan : client.workCores(),
        client == null ? nan : client.jitCores(),
        client == null ? nan : client.gcSeconds() / client.wallSeconds(),
        perRequest,
        perRequest / options.tokens(),
        windowRequests,
        truth.path("connections_accepted").asLong(),
        gc.count(),
        gc.maxPauseMs(),
        gc.maxAfterMb(),
        server == null ? nan : (server.workSeconds() + server.jitSeconds()) / server.wallSeconds(),
        number(truth.path("lateness_ms"), "mean"),
        number(truth.path("lateness_ms"), "p99"),
        number(truth.path("lateness_ms"), "max"),
        loadBefore,
        window.map(SteadyWindow.Result::connections).orElse(-1L),
        gc.collector(),
        gc.fullCount(),
        number(summary, "event_loop_lag_p99_ms"),
        number(summary, "event_loop_lag_max_ms"),
        summary.path("health_flagged_requests").asLong(-1),
        bottleneck(summary.path("measurement_health").path("client_bottleneck")),
        gc.longestSafepointMs());
  }

  private static String bottleneck(JsonNode flag) {
    return flag.isBoolean() ? (flag.asBoolean() ? "yes" : "no") : "?";
  }

  private static double number(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isNumber() ? v.asDouble() : Double.NaN;
  }

  /** {@code category=count} pairs joined by {@code |} (no commas: the value is a CSV cell); "-" for none. */
  private static String failures(JsonNode byCategory) {
    List<String> parts = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = byCategory.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      parts.add(e.getKey().replace(',', ' ').replace('|', ' ') + "=" + e.getValue().asLong());
    }
    return parts.isEmpty() ? "-" : String.join("|", parts);
  }

  List<String> csvValues() {
    return List.of(
        runId, commit, mode, label, kind, Integer.toString(level), Long.toString(ttftMs), Long.toString(itlMs),
        Integer.toString(tokens), Integer.toString(clientCpus), f(targetRate), f(achievedRate),
        Integer.toString(measured), Long.toString(completed), Long.toString(failed), failures,
        Long.toString(truthRequests), f(lagP50), f(lagP99), f(lagMax), f(clientMeanTtft), f(wireMeanTtft),
        f(serverMeanTtft), f(ttftErrWire()), f(ttftErrServer()), f(clientMedianItl), f(serverMedianItl),
        f(clientP99Itl), f(serverP99Itl), f(clientWorkCores), f(clientJitCores), f(clientGcCores), f(usPerRequest),
        f(usPerChunk), Long.toString(windowRequests), Long.toString(connections), Integer.toString(gcCount),
        f(gcMaxPauseMs), f(heapMaxAfterGcMb), f(serverCores), f(serverLateMean), f(serverLateP99), f(serverLateMax),
        loadBefore.replace(',', ' '), Long.toString(windowConnections), gcCollector,
        Integer.toString(gcFullCount), f(healthLagP99), f(healthLagMax), Long.toString(healthFlagged),
        healthBottleneck, f(safepointMaxMs));
  }

  String markdownRow() {
    return String.format(
        Locale.ROOT,
        "| %s %s | %s %d | %d | %.0f / %.1f | %d (%d%s) | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %+.2f | %+.2f"
            + " | %+.2f | %.2f / %.2f | %.2f / %.2f | %.1f / %.2f | %d (%d) | %s: %.0f, %d (%d), %.1f; %.1f | %.2f, %.2f / %.2f / %.2f"
            + " | %.1f / %.1f, %d, %s | %s |",
        runId,
        label,
        kind,
        level,
        itlMs,
        targetRate,
        achievedRate,
        completed + failed,
        failed,
        failed == 0 ? "" : ": " + failures,
        lagP50,
        lagP99,
        lagMax,
        clientMeanTtft,
        wireMeanTtft,
        serverMeanTtft,
        ttftErrWire(),
        ttftErrServer(),
        clientMedianItl - serverMedianItl,
        clientP99Itl,
        serverP99Itl,
        clientWorkCores,
        clientJitCores,
        usPerRequest,
        usPerChunk,
        connections,
        windowConnections,
        gcCollector,
        heapMaxAfterGcMb,
        gcCount,
        gcFullCount,
        gcMaxPauseMs,
        safepointMaxMs,
        serverCores,
        serverLateMean,
        serverLateP99,
        serverLateMax,
        healthLagP99,
        healthLagMax,
        healthFlagged,
        healthBottleneck,
        loadBefore);
  }

  private static String f(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  /**
   * The client JVM's collections over the whole run (GC log), for the heap column, and its collector (the log's
   * {@code Using <name>} line): the JVM picks Serial by itself when it sees one CPU (pinned) or under 2 GB.
   */
  record GcSummary(
      String collector, int count, int fullCount, double maxPauseMs, double maxAfterMb, double longestSafepointMs) {
    private static final java.util.regex.Pattern SAFEPOINT_TOTAL =
        java.util.regex.Pattern.compile("Safepoint \".*Total: (\\d+) ns");

    static GcSummary of(String collector, List<GcLog.Collection> collections, double longestSafepointMs) {
      double pause = 0;
      double after = 0;
      int full = 0;
      for (GcLog.Collection c : collections) {
        pause = Math.max(pause, c.pauseMs());
        after = Math.max(after, c.afterMb());
        full += c.full() ? 1 : 0;
      }
      return new GcSummary(collector, collections.size(), full, pause, after, longestSafepointMs);
    }

    /**
     * The longest safepoint of the run (reaching it plus being at it: every Java thread stopped), from
     * {@code -Xlog:safepoint} lines such as {@code Safepoint "Cleanup", ..., Total: 35125 ns}; NaN when none is logged.
     */
    static double longestSafepointMs(Path gcLog) {
      double max = Double.NaN;
      try {
        for (String line : Files.readAllLines(gcLog)) {
          java.util.regex.Matcher m = SAFEPOINT_TOTAL.matcher(line);
          if (m.find()) {
            double ms = Long.parseLong(m.group(1)) / 1e6;
            max = Double.isNaN(max) ? ms : Math.max(max, ms);
          }
        }
      } catch (IOException e) {
        // no log: unknown
      }
      return max;
    }

    /** The collector's name from {@code [0.004s][info][gc] Using G1}; "?" when the log does not say. */
    static String collectorOf(Path gcLog) {
      try {
        for (String line : Files.readAllLines(gcLog)) {
          int at = line.indexOf("] Using ");
          if (at >= 0) {
            return line.substring(at + "] Using ".length()).trim().replace(',', ' ');
          }
        }
      } catch (IOException e) {
        // no log: unknown
      }
      return "?";
    }
  }
}
