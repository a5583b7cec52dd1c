package io.github.gatlingllm.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.GoodputSlo;
import io.github.gatlingllm.metrics.MetricStats;
import io.github.gatlingllm.metrics.PercentileValue;
import io.github.gatlingllm.metrics.PrefixCacheSummary;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.RunStatistics;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.metrics.TokenCounts;
import io.github.gatlingllm.metrics.TokenSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes the run as vLLM's {@code --save-result --save-detailed} JSON, usually {@code llm-summary.json}: the same
 * keys in the same order with the same meaning, then our extras under keys vLLM does not use.
 *
 * <p>The per-request arrays are only written with {@link SummaryOptions#saveDetailed()} ({@code generated_texts} also
 * needs {@link SummaryOptions#includeGeneratedTexts()}), as vLLM only writes them with {@code --save-detailed}. When the
 * run has several scenarios, {@code scenarios} (not a vLLM key) holds, per scenario name, the same result keys
 * computed on that scenario's requests alone.
 *
 * <p>Per-request arrays are in seconds and in record order (the order requests finished). Where vLLM stores raw
 * {@code time.perf_counter()} values, which have no defined origin, {@code start_times} holds the send time in seconds
 * since the first dispatch (the start of {@code duration}). For a failed request, as in vLLM: {@code ttfts} holds the
 * TTFT if a first chunk arrived before the failure (else 0), {@code itls} the gaps seen, {@code latencies} 0.
 */
public final class SummaryJson {
  public static final String FILE_NAME = "llm-summary.json";

  private static final JsonFactory FACTORY = new JsonFactory();

  /** The TTFT of the requests the prefix cache served part of the prompt for, and of those it did not. */
  private static final String TTFT_CACHE_HIT = "ttft_cache_hit";
  private static final String TTFT_CACHE_MISS = "ttft_cache_miss";

  /** The latency metrics {@link #extras} always writes, beside the selected ones of {@link #peaksAndMetrics}. */
  private static final List<String> EXTRA_METRICS = List.of("client_queue_time", "e2el_including_client_queue", "ttfo");

  private SummaryJson() {}

  public static void write(BenchmarkSummary summary, List<RequestRecord> records, Path file) throws IOException {
    write(summary, records, Map.of(), file);
  }

  /**
   * As {@link #write(BenchmarkSummary, List, Path)}, with facts about the run that are not computed from the records
   * (e.g. the client's own CPU use) added at the end under keys vLLM does not use. Values are numbers or strings.
   */
  public static void write(BenchmarkSummary summary, List<RequestRecord> records, Map<String, Object> runFacts, Path file)
      throws IOException {
    AtomicFiles.write(file, out -> write(summary, records, runFacts, out));
  }

  /**
   * The summary of a live run.
   *
   * @param scenarios the per-scenario summaries, by name (written when there are several)
   * @param detailed the requests for the per-request arrays, in finishing order; only read with
   *     {@link SummaryOptions#saveDetailed()}, once, while writing
   */
  public static void write(BenchmarkSummary summary, Map<String, BenchmarkSummary> scenarios,
      Iterable<RequestRecord> detailed, Map<String, Object> runFacts, Path file) throws IOException {
    AtomicFiles.write(file, out -> write(summary, scenarios, detailed, runFacts, out));
  }

  static void write(BenchmarkSummary s, List<RequestRecord> records, OutputStream out) throws IOException {
    write(s, records, Map.of(), out);
  }

  static void write(BenchmarkSummary s, List<RequestRecord> records, Map<String, Object> runFacts, OutputStream out)
      throws IOException {
    write(s, scenarioSummaries(s, records), records, runFacts, out);
  }

  /** The summaries of each scenario of {@code records}, by name; empty for a single scenario. */
  public static Map<String, BenchmarkSummary> scenarioSummaries(BenchmarkSummary s, List<RequestRecord> records) {
    Map<String, RunStatistics> byScenario = new TreeMap<>();
    for (RequestRecord r : records) {
      byScenario.computeIfAbsent(r.scenario(), k -> new RunStatistics(s.options())).add(r);
    }
    Map<String, BenchmarkSummary> out = new TreeMap<>();
    if (byScenario.size() > 1) {
      byScenario.forEach((name, stats) -> out.put(name, stats.summary(s.run())));
    }
    return out;
  }

  /**
   * The summary's JSON to {@code out} (left open): public so that a capacity search can embed each step's own summary
   * with exactly these keys.
   */
  public static void write(BenchmarkSummary s, Map<String, BenchmarkSummary> scenarios, Iterable<RequestRecord> detailed,
      Map<String, Object> runFacts, OutputStream out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      runDescription(g, s.run());
      results(g, s);
      if (s.options().saveDetailed()) {
        perRequest(g, s, detailed);
      }
      peaksAndMetrics(g, s);
      extras(g, s);
      g.writeStringField("gatling_llm_version", PluginVersion.get());
      scenarios(g, scenarios);
      for (Map.Entry<String, Object> fact : runFacts.entrySet()) {
        g.writeFieldName(fact.getKey());
        writeValue(g, fact.getValue());
      }
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  private static void runDescription(JsonGenerator g, RunDescription run) throws IOException {
    g.writeStringField("date", run.date());
    g.writeStringField("endpoint_type", run.endpointType());
    g.writeStringField("backend", run.backend());
    g.writeStringField("label", run.label());
    g.writeStringField("model_id", run.modelId());
    g.writeStringField("tokenizer_id", run.tokenizerId());
    g.writeNumberField("num_prompts", run.numPrompts());
    if (run.requestRate() == null) {
      g.writeNullField("request_rate"); // a load with no single rate, or not described: never a made-up "inf"
    } else if (run.finiteRate()) {
      g.writeNumberField("request_rate", run.requestRate());
    } else {
      g.writeStringField("request_rate", "inf");
    }
    if (run.burstiness() == null) {
      g.writeNullField("burstiness");
    } else {
      g.writeNumberField("burstiness", run.burstiness());
    }
    if (run.maxConcurrency() == null) {
      g.writeNullField("max_concurrency");
    } else {
      g.writeNumberField("max_concurrency", run.maxConcurrency());
    }
    if (run.rampUp() != null) {
      // vLLM writes these only when its run ramped
      g.writeStringField("ramp_up_strategy", run.rampUp().strategy().id());
      g.writeNumberField("ramp_up_start_rps", run.rampUp().startRps());
      g.writeNumberField("ramp_up_end_rps", run.rampUp().endRps());
    }
  }

  private static void results(JsonGenerator g, BenchmarkSummary s) throws IOException {
    g.writeNumberField("duration", s.durationSeconds());
    g.writeNumberField("completed", s.completed());
    g.writeNumberField("failed", s.failed());
    g.writeNumberField("total_input_tokens", s.totalInputTokens());
    g.writeNumberField("total_output_tokens", s.totalOutputTokens());
    g.writeNumberField("request_throughput", s.requestThroughput());
    if (s.requestGoodput() == null) {
      g.writeNullField("request_goodput");
    } else {
      g.writeNumberField("request_goodput", s.requestGoodput());
    }
    g.writeNumberField("output_throughput", s.outputThroughput());
    g.writeNumberField("total_token_throughput", s.totalTokenThroughput());
  }

  private static void peaksAndMetrics(JsonGenerator g, BenchmarkSummary s) throws IOException {
    g.writeNumberField("max_output_tokens_per_s", s.maxOutputTokensPerSecond());
    g.writeNumberField("max_concurrent_requests", s.maxConcurrentRequests());
    // vLLM saves the statistics of the selected --percentile-metrics only.
    if (s.options().reports("ttft")) {
      metric(g, "ttft", s.ttft());
    }
    if (s.options().reports("tpot")) {
      metric(g, "tpot", s.tpot());
    }
    if (s.options().reports("itl")) {
      metric(g, "itl", s.itl());
    }
    if (s.options().reports("e2el")) {
      metric(g, "e2el", s.e2el());
    }
  }

  /** Per scenario, only when there are several: the result keys on that scenario's requests alone. */
  private static void scenarios(JsonGenerator g, Map<String, BenchmarkSummary> scenarios) throws IOException {
    if (scenarios.size() < 2) {
      return;
    }
    g.writeObjectFieldStart("scenarios");
    for (Map.Entry<String, BenchmarkSummary> e : new TreeMap<>(scenarios).entrySet()) {
      BenchmarkSummary part = e.getValue();
      g.writeObjectFieldStart(e.getKey());
      results(g, part);
      peaksAndMetrics(g, part);
      extras(g, part);
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void perRequest(JsonGenerator g, BenchmarkSummary s, Iterable<RequestRecord> records)
      throws IOException {
    g.writeArrayFieldStart("input_lens");
    for (RequestRecord r : records) {
      g.writeNumber(TokenCounts.inputTokens(r));
    }
    g.writeEndArray();
    g.writeArrayFieldStart("output_lens");
    for (RequestRecord r : records) {
      g.writeNumber(TokenCounts.outputTokens(r));
    }
    g.writeEndArray();
    g.writeArrayFieldStart("ttfts");
    for (RequestRecord r : records) {
      g.writeNumber(r.chunkCount() > 0 ? seconds(r.ttftNanos()) : 0.0);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("itls");
    for (RequestRecord r : records) {
      g.writeStartArray();
      for (int i = 0; i < r.itlCount(); i++) {
        g.writeNumber(seconds(r.itlNanos(i)));
      }
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("latencies");
    for (RequestRecord r : records) {
      g.writeNumber(r.success() ? seconds(r.e2elNanos()) : 0.0);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("start_times");
    for (RequestRecord r : records) {
      g.writeNumber(r.sendNanos() == RequestRecord.NONE ? 0.0 : seconds(r.sendNanos() - s.startNanos()));
    }
    g.writeEndArray();
    g.writeArrayFieldStart("queue_times");
    for (RequestRecord r : records) {
      g.writeNumber(seconds(r.queueNanos()));
    }
    g.writeEndArray();
    if (s.options().includeGeneratedTexts()) { // only reached with saveDetailed, as vLLM
      g.writeArrayFieldStart("generated_texts");
      for (RequestRecord r : records) {
        g.writeString(r.generatedText() == null ? "" : r.generatedText());
      }
      g.writeEndArray();
    }
    g.writeArrayFieldStart("errors");
    for (RequestRecord r : records) {
      g.writeString(r.errorLabel());
    }
    g.writeEndArray();
  }

  /** vLLM's {@code mean_<m>_ms}, {@code median_<m>_ms}, {@code std_<m>_ms}, {@code p<P>_<m>_ms}. */
  private static void metric(JsonGenerator g, String name, MetricStats m) throws IOException {
    g.writeNumberField(statKey("mean", name), m.meanMs());
    g.writeNumberField(statKey("median", name), m.medianMs());
    g.writeNumberField(statKey("std", name), m.stdMs());
    for (PercentileValue p : m.percentiles()) {
      g.writeNumberField(percentileKey(p.percentile(), name), p.valueMs());
    }
  }

  private static String statKey(String statistic, String metric) {
    return statistic + "_" + metric + "_ms";
  }

  private static String percentileKey(double percentile, String metric) {
    return statKey("p" + PythonFormat.percentileWord(percentile), metric);
  }

  /**
   * The top-level keys this class writes as numbers for a run with these settings, before any run fact: what an SLO
   * check may name, known before the run ({@code SummaryJsonKeysTest} compares them with the keys of real summaries).
   *
   * @param finiteRate whether {@code request_rate} is a number (else {@code "inf"})
   * @param capped whether {@code max_concurrency} is a number (else null)
   * @param ramped whether the run ramps its rate ({@code ramp_up_start_rps}, {@code ramp_up_end_rps})
   */
  public static Set<String> numericKeys(SummaryOptions options, boolean finiteRate, boolean capped, boolean ramped) {
    Set<String> keys = new LinkedHashSet<>(List.of("num_prompts", "burstiness"));
    if (finiteRate) {
      keys.add("request_rate");
    }
    if (capped) {
      keys.add("max_concurrency");
    }
    if (ramped) {
      keys.addAll(List.of("ramp_up_start_rps", "ramp_up_end_rps"));
    }
    keys.addAll(List.of("duration", "completed", "failed", "total_input_tokens", "total_output_tokens",
        "request_throughput", "output_throughput", "total_token_throughput", "max_output_tokens_per_s",
        "max_concurrent_requests", "cancelled", "failed_ratio", "goodput_completed", "total_reasoning_tokens", "total_answer_tokens"));
    if (options.goodput() != null) {
      keys.add("request_goodput");
    }
    List<String> metrics = new ArrayList<>(options.percentileMetrics());
    metrics.addAll(EXTRA_METRICS);
    for (String metric : metrics) {
      keys.addAll(List.of(statKey("mean", metric), statKey("median", metric), statKey("std", metric)));
      options.percentiles().forEach(p -> keys.add(percentileKey(p, metric)));
    }
    // prefix_cache_hit_rate is null in a run where no answer reported cached tokens: a clause on it then fails.
    keys.addAll(List.of("total_cached_tokens", "prefix_cache_hit_rate", "cache_reported_requests",
        "cache_hit_requests", "cache_miss_requests"));
    for (String metric : List.of(TTFT_CACHE_HIT, TTFT_CACHE_MISS)) {
      keys.addAll(List.of(statKey("mean", metric), statKey("median", metric)));
      options.percentiles().forEach(p -> keys.add(percentileKey(p, metric)));
    }
    return keys;
  }

  private static void extras(JsonGenerator g, BenchmarkSummary s) throws IOException {
    // vLLM's names for these two when it reports them (--percentile-metrics client_queue_time,...), same meaning.
    metric(g, EXTRA_METRICS.get(0), s.clientQueueTime());
    metric(g, EXTRA_METRICS.get(1), s.e2elIncludingClientQueue());
    metric(g, EXTRA_METRICS.get(2), s.ttfo());
    // Requests cut by the end of the run: neither completed nor failed (the client stopped them, not the server).
    g.writeNumberField("cancelled", s.cancelled());
    // Failed among completed + failed: what an SLO on errors needs (failed_ratio<0.01), per run and per scenario.
    g.writeNumberField("failed_ratio", s.failedRatio());
    exactness(g, s);
    g.writeNumberField("goodput_completed", s.goodCompleted());
    GoodputSlo slo = s.options().goodput();
    if (slo == null) {
      g.writeNullField("goodput_slos");
    } else {
      g.writeObjectFieldStart("goodput_slos");
      for (Map.Entry<String, Double> e : slo.asMap().entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
    g.writeObjectFieldStart("output_token_sources");
    for (Map.Entry<TokenSource, Long> e : s.outputTokenSources().entrySet()) {
      g.writeNumberField(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
    }
    g.writeEndObject();
    // Reasoning models: the output tokens split into reasoning and visible answer (vLLM does not split them).
    g.writeNumberField("total_reasoning_tokens", s.totalReasoningTokens());
    g.writeNumberField("total_answer_tokens", s.totalAnswerTokens());
    g.writeObjectFieldStart("reasoning_token_sources");
    for (Map.Entry<TokenSource, Long> e : s.reasoningTokenSources().entrySet()) {
      g.writeNumberField(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("errors_by_category");
    for (Map.Entry<String, Long> e : s.errorsByLabel().entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    prefixCache(g, s.prefixCache());
  }

  /**
   * The prefix cache as the answers' {@code cached_tokens} tell it (docs/metrics.md, "Prefix cache"): the hit rate is
   * null, never 0, when no request reported it, so that an SLO on it fails rather than passes on a silent server.
   */
  private static void prefixCache(JsonGenerator g, PrefixCacheSummary p) throws IOException {
    g.writeNumberField("total_cached_tokens", p.cachedTokens());
    if (p.hitRate() == null) {
      g.writeNullField("prefix_cache_hit_rate");
    } else {
      g.writeNumberField("prefix_cache_hit_rate", p.hitRate());
    }
    g.writeNumberField("cache_reported_requests", p.reportedRequests());
    g.writeNumberField("cache_hit_requests", p.hitRequests());
    g.writeNumberField("cache_miss_requests", p.missRequests());
    cacheTtft(g, TTFT_CACHE_HIT, p.hitTtft());
    cacheTtft(g, TTFT_CACHE_MISS, p.missTtft());
  }

  /** {@code mean_}, {@code median_} and {@code p<q>_} of a TTFT split: the run's percentiles, no std (not asked). */
  private static void cacheTtft(JsonGenerator g, String name, MetricStats m) throws IOException {
    g.writeNumberField(statKey("mean", name), m.meanMs());
    g.writeNumberField(statKey("median", name), m.medianMs());
    for (PercentileValue p : m.percentiles()) {
      g.writeNumberField(percentileKey(p.percentile(), name), p.valueMs());
    }
  }

  /**
   * Which figures are exact: per latency metric, whether its percentiles come from the raw values (else from a
   * histogram, within 0.1 %); and whether the two peaks are exact.
   */
  private static void exactness(JsonGenerator g, BenchmarkSummary s) throws IOException {
    g.writeObjectFieldStart("exact_percentiles");
    g.writeBooleanField("ttft", s.ttft().exact());
    g.writeBooleanField("tpot", s.tpot().exact());
    g.writeBooleanField("itl", s.itl().exact());
    g.writeBooleanField("e2el", s.e2el().exact());
    g.writeBooleanField("ttfo", s.ttfo().exact());
    g.writeBooleanField("client_queue_time", s.clientQueueTime().exact());
    g.writeEndObject();
    g.writeBooleanField("exact_peaks", s.peaksExact());
  }

  /** A run fact: a number, string, boolean, or lists and maps of those (e.g. the SLO check results). */
  private static void writeValue(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Long || value instanceof Integer) {
      g.writeNumber(((Number) value).longValue()); // as a double, a nanoTime would lose its last digits
    } else if (value instanceof Number number) {
      g.writeNumber(number.doubleValue());
    } else if (value instanceof Boolean bool) {
      g.writeBoolean(bool);
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object element : list) {
        writeValue(g, element);
      }
      g.writeEndArray();
    } else {
      g.writeString(String.valueOf(value));
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
