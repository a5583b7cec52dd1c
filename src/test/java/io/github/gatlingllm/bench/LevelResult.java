package io.github.gatlingllm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * One concurrency level of the accuracy benchmark: what the client (Gatling with the plugin) reported next to what
 * the mock server really did. An error is client minus server: positive means the client over-reads.
 */
record LevelResult(
    String variant,
    int concurrency,
    long completed,
    long failed,
    long truthRequests,
    double clientMeanTtft,
    double serverMeanTtft,
    double clientMedianItl,
    double serverMedianItl,
    double clientP99Itl,
    double serverP99Itl,
    double clientCores,
    double clientCpuSeconds,
    double mockCpuSeconds,
    double mockLateMean,
    double mockLateMax,
    double wireMeanTtft) {

  static final String HEADER =
      "| variant | N | requests | mean TTFT client | mean TTFT server | error | median ITL client | median ITL server"
          + " | error | p99 ITL client | p99 ITL server | error | client CPU (cores) | mock late mean / max | failed"
          + " | mean TTFT wire | error vs wire |\n"
          + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

  /** From the run's {@code llm-summary.json} and the mock's {@code /mock/stats}. */
  static LevelResult of(String variant, int concurrency, JsonNode summary, JsonNode truth, double mockCpuSeconds) {
    double wire = wireMeanTtftMillis(summary, truth);
    return new LevelResult(
        variant,
        concurrency,
        summary.path("completed").asLong(),
        summary.path("failed").asLong(),
        truth.path("requests").asLong(),
        summary.path("mean_ttft_ms").asDouble(),
        truth.path("ttft_ms").path("mean").asDouble(),
        summary.path("median_itl_ms").asDouble(),
        truth.path("itl_ms").path("median").asDouble(),
        summary.path("p99_itl_ms").asDouble(),
        truth.path("itl_ms").path("p99").asDouble(),
        summary.path("client_cores_used").asDouble(Double.NaN),
        summary.path("client_cpu_seconds").asDouble(Double.NaN),
        mockCpuSeconds,
        truth.path("lateness").path("mean_ms").asDouble(),
        truth.path("lateness").path("max_ms").asDouble(),
        wire);
  }

  /**
   * Mean TTFT as the wire sees it: the mock's mean absolute first-chunk time minus the client's mean absolute send
   * time (its {@code start_nanotime} origin plus {@code start_times}). Both are {@code System.nanoTime()}, which on
   * Linux reads the machine-wide monotonic clock, so the difference of the means is the mean of per-request
   * differences without matching requests one by one. Unlike the server TTFT it includes the time a request waited
   * in the mock's socket before the mock read it; unlike the client TTFT it excludes the time the first chunk
   * waited before the client read it. NaN when either side lacks the figures.
   */
  static double wireMeanTtftMillis(JsonNode summary, JsonNode truth) {
    JsonNode firstChunk = truth.get("mean_first_chunk_nanotime");
    JsonNode ttfts = summary.get("ttfts");
    double[] sends = sendNanotimes(summary);
    if (firstChunk == null || !firstChunk.isNumber() || sends.length == 0 || ttfts == null) {
      return Double.NaN;
    }
    double sum = 0;
    int n = 0;
    for (int i = 0; i < sends.length; i++) {
      if (ttfts.get(i).asDouble() > 0) { // requests with a first chunk: those the truth holds
        sum += sends[i];
        n++;
      }
    }
    return n == 0 ? Double.NaN : (firstChunk.asLong() - sum / n) / 1e6;
  }

  /**
   * Each request's absolute send time ({@code System.nanoTime()}), from {@code start_nanotime} (the run's first
   * intended start) and the per-request {@code start_times} and {@code queue_times} (s): the start times are placed so
   * that the earliest intended start (send minus queue time) falls on {@code start_nanotime}. That is the documented
   * meaning when start times count from {@code start_nanotime}, and it also undoes the shift of summaries whose
   * per-request arrays were read back from {@code llm-requests.csv}, where times count from the file's own origin
   * (their start times then come out near minus {@code start_nanotime}). An empty array when the figures are missing.
   */
  static double[] sendNanotimes(JsonNode summary) {
    JsonNode origin = summary.get("start_nanotime");
    JsonNode starts = summary.get("start_times");
    JsonNode queues = summary.get("queue_times");
    if (origin == null || starts == null || queues == null || starts.size() == 0) {
      return new double[0];
    }
    double firstIntended = Double.MAX_VALUE;
    for (int i = 0; i < starts.size(); i++) {
      firstIntended = Math.min(firstIntended, starts.get(i).asDouble() - queues.get(i).asDouble());
    }
    double[] sends = new double[starts.size()];
    for (int i = 0; i < sends.length; i++) {
      sends[i] = origin.asLong() + (starts.get(i).asDouble() - firstIntended) * 1e9;
    }
    return sends;
  }

  /** The client and the mock must have seen the same measured requests, or the comparison is meaningless. */
  boolean sameRequests() {
    return completed + failed == truthRequests;
  }

  String markdownRow() {
    return String.format(
        Locale.ROOT,
        "| %s | %d | %d | %.2f | %.2f | %+.2f | %.2f | %.2f | %+.2f | %.2f | %.2f | %+.2f | %.2f | %.2f / %.2f | %d"
            + " | %.2f | %+.2f |",
        variant,
        concurrency,
        completed,
        clientMeanTtft,
        serverMeanTtft,
        clientMeanTtft - serverMeanTtft,
        clientMedianItl,
        serverMedianItl,
        clientMedianItl - serverMedianItl,
        clientP99Itl,
        serverP99Itl,
        clientP99Itl - serverP99Itl,
        clientCores,
        mockLateMean,
        mockLateMax,
        failed,
        wireMeanTtft,
        clientMeanTtft - wireMeanTtft);
  }

  /** A line for the console with what the table leaves out. */
  String details() {
    return String.format(
        Locale.ROOT,
        "N=%d: client CPU %.2f s (%.2f cores over the load), mock CPU %.2f s over the whole Gatling run; truth has %d"
            + " requests, client %d completed + %d failed; mock input delay %.2f ms%s",
        concurrency,
        clientCpuSeconds,
        clientCores,
        mockCpuSeconds,
        truthRequests,
        completed,
        failed,
        wireMeanTtft - serverMeanTtft,
        sameRequests() ? "" : "  <-- MISMATCH: the truth does not cover the same requests");
  }
}
