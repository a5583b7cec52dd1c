package io.github.gatlingllm.config;

import io.github.gatlingllm.javaapi.RampUp;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.protocol.ItlStats;
import io.github.gatlingllm.protocol.LlmProtocol;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The knobs of the serving benchmark (vLLM {@code bench serve} style), named after vLLM's flags in camelCase.
 *
 * @param baseUrl the server; empty = start the embedded mock server
 * @param endpoint {@code /v1/completions} (vLLM's default) or {@code /v1/chat/completions}
 * @param model the model name; empty = the first model the server lists at {@code /v1/models}
 * @param numPrompts requests in the measured phase
 * @param requestRate arrivals per second, {@link Double#POSITIVE_INFINITY} = all at once
 * @param burstiness gamma shape of inter-arrival gaps (1 = Poisson)
 * @param seed seeds prompts and arrivals
 * @param maxConcurrency client-side cap on requests in flight, 0 = none
 * @param dataset the prompts: dataset, tokenizer and their knobs
 * @param ignoreEos send {@code ignore_eos} so that outputs reach {@code max_tokens}
 * @param numWarmups warm-up requests before the measured phase (not in the summary)
 * @param percentiles percentiles reported for every metric
 * @param goodput SLOs such as {@code ttft:500,tpot:50}, or empty
 * @param label free text stored in the result JSON, or empty
 * @param firstTokenTimeout longest wait from send to the first streamed event (0 = none)
 * @param idleTimeout longest gap between streamed events (0 = none)
 * @param totalTimeout longest request, send to end (0 = none)
 * @param itlStats how ITL reaches Gatling's own stats ({@code every_gap}, {@code request_mean} or {@code none}); the
 *     LLM summary always has every gap
 * @param assertions SLO clauses such as {@code p99_ttft_ms<500;failed==0}, or empty
 * @param logRequests write every prompt and generated text to {@code llm-requests.jsonl}
 * @param saveDetailed put vLLM's per-request arrays into {@code llm-summary.json}
 * @param percentileMetrics the latency metrics reported (vLLM's {@code --percentile-metrics})
 * @param rampUp vLLM's ramp-up ({@code llm.rampUpStrategy}, {@code llm.rampUpStartRps}, {@code llm.rampUpEndRps}),
 *     or empty for a fixed rate
 */
public record ServingSettings(
    Optional<String> baseUrl,
    String endpoint,
    Optional<String> model,
    int numPrompts,
    double requestRate,
    double burstiness,
    long seed,
    int maxConcurrency,
    DatasetSettings dataset,
    boolean ignoreEos,
    int numWarmups,
    double[] percentiles,
    Optional<String> goodput,
    Optional<String> label,
    Duration firstTokenTimeout,
    Duration idleTimeout,
    Duration totalTimeout,
    ItlStats itlStats,
    Optional<String> assertions,
    boolean logRequests,
    boolean saveDetailed,
    List<String> percentileMetrics,
    Optional<RampUp> rampUp) {

  public static final String COMPLETIONS = "/v1/completions";
  public static final String CHAT = "/v1/chat/completions";

  /** The serving benchmark's own properties (the dataset's are in {@link DatasetSettings#PROPERTIES}). */
  public static final List<String> PROPERTIES =
      List.of(
          "llm.baseUrl",
          "llm.endpoint",
          "llm.model",
          "llm.numPrompts",
          "llm.requestRate",
          "llm.burstiness",
          "llm.seed",
          "llm.maxConcurrency",
          "llm.ignoreEos",
          "llm.numWarmups",
          "llm.metricPercentiles",
          "llm.goodput",
          "llm.label",
          "llm.firstTokenTimeout",
          "llm.idleTimeout",
          "llm.totalTimeout",
          "llm.itlStats",
          "llm.assert",
          "llm.logRequests",
          "llm.percentileMetrics",
          "llm.saveDetailed",
          "llm.resultsDir",
          "llm.rampUpStrategy",
          "llm.rampUpStartRps",
          "llm.rampUpEndRps");

  /** Every property the serving benchmark reads, its own and the dataset's. */
  public static List<String> acceptedProperties() {
    List<String> all = new java.util.ArrayList<>(PROPERTIES);
    all.addAll(DatasetSettings.PROPERTIES);
    return all;
  }

  public static ServingSettings fromSystemProperties() {
    return from(LlmProperties.fromSystemProperties(acceptedProperties()));
  }

  public static ServingSettings from(LlmProperties p) {
    double requestRate = p.rate("llm.requestRate");
    return new ServingSettings(
        p.optional("llm.baseUrl"),
        p.choice("llm.endpoint", COMPLETIONS, List.of(COMPLETIONS, CHAT)),
        p.optional("llm.model"),
        p.integer("llm.numPrompts", 1000, 1),
        requestRate,
        p.number("llm.burstiness", 1.0, 0, false),
        p.integer("llm.seed", 0, Integer.MIN_VALUE),
        p.integer("llm.maxConcurrency", 0, 0),
        DatasetSettings.from(p),
        p.bool("llm.ignoreEos", true),
        p.integer("llm.numWarmups", 0, 0),
        p.percentiles("llm.metricPercentiles", 99),
        p.optional("llm.goodput"),
        p.optional("llm.label"),
        p.duration("llm.firstTokenTimeout", LlmProtocol.DEFAULT_FIRST_TOKEN_TIMEOUT),
        p.duration("llm.idleTimeout", LlmProtocol.DEFAULT_IDLE_TIMEOUT),
        p.duration("llm.totalTimeout", LlmProtocol.DEFAULT_TOTAL_TIMEOUT),
        itlStats(p.choice("llm.itlStats", "every_gap", List.of("every_gap", "request_mean", "none"))),
        p.optional("llm.assert"),
        p.bool("llm.logRequests", false),
        p.bool("llm.saveDetailed", false),
        percentileMetrics(p.string("llm.percentileMetrics", "ttft,tpot,itl,e2el")),
        RampUpSettings.from(p, requestRate));
  }

  private static List<String> percentileMetrics(String spec) {
    try {
      return SummaryOptions.parsePercentileMetrics(spec);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid value '" + spec + "' for llm.percentileMetrics: expected comma-separated names among "
              + String.join(", ", SummaryOptions.ALL_PERCENTILE_METRICS));
    }
  }

  private static ItlStats itlStats(String name) {
    return ItlStats.valueOf(name.toUpperCase(Locale.ROOT));
  }

  public boolean chat() {
    return endpoint.equals(CHAT);
  }
}
