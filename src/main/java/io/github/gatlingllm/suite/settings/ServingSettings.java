package io.github.gatlingllm.suite.settings;

import io.github.gatlingllm.javaapi.RampUp;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.protocol.ItlStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The knobs of the serving benchmark (vLLM {@code bench serve} style), named after vLLM's flags in camelCase: those
 * every ready simulation shares ({@link CommonSettings}), the prompts ({@link DatasetSettings}) and its own.
 *
 * @param common server, model, endpoint, seed, timeouts, percentiles, label, request logging, tokenizer
 * @param numPrompts requests in the measured phase
 * @param requestRate arrivals per second, {@link Double#POSITIVE_INFINITY} = all at once
 * @param burstiness gamma shape of inter-arrival gaps (1 = Poisson)
 * @param maxConcurrency client-side cap on requests in flight, 0 = none
 * @param dataset the prompts: dataset and its knobs
 * @param numWarmups warm-up requests before the measured phase (not in the summary)
 * @param goodput SLOs such as {@code ttft:500,tpot:50}, or empty
 * @param itlStats how ITL reaches Gatling's own stats ({@code request_mean} by default, {@code every_gap} or
 *     {@code none}); the LLM summary always has every gap
 * @param assertions SLO clauses such as {@code p99_ttft_ms<500;failed==0}, or empty
 * @param saveDetailed put vLLM's per-request arrays into {@code llm-summary.json}
 * @param percentileMetrics the latency metrics reported (vLLM's {@code --percentile-metrics})
 * @param rampUp vLLM's ramp-up ({@code llm.rampUpStrategy}, {@code llm.rampUpStartRps}, {@code llm.rampUpEndRps}),
 *     or empty for a fixed rate
 */
public record ServingSettings(
    CommonSettings common,
    int numPrompts,
    double requestRate,
    double burstiness,
    int maxConcurrency,
    DatasetSettings dataset,
    int numWarmups,
    Optional<String> goodput,
    ItlStats itlStats,
    Optional<String> assertions,
    boolean saveDetailed,
    List<String> percentileMetrics,
    Optional<RampUp> rampUp) {

  public static final String COMPLETIONS = "/v1/completions";
  public static final String CHAT = "/v1/chat/completions";

  /** Every property the serving benchmark reads: the common ones, the dataset's and its own. */
  public static final List<String> PROPERTIES = properties();

  private static List<String> properties() {
    List<String> all =
        new ArrayList<>(
            CommonSettings.with(
                "llm.numPrompts",
                "llm.requestRate",
                "llm.burstiness",
                "llm.maxConcurrency",
                "llm.numWarmups",
                "llm.goodput",
                "llm.itlStats",
                "llm.assert",
                "llm.percentileMetrics",
                "llm.saveDetailed"));
    all.addAll(RampUpSettings.PROPERTIES);
    all.addAll(DatasetSettings.PROPERTIES);
    return List.copyOf(all);
  }

  public static ServingSettings fromSystemProperties() {
    return from(LlmProperties.fromSystemProperties(PROPERTIES));
  }

  public static ServingSettings from(LlmProperties p) {
    double requestRate = p.rate("llm.requestRate");
    return new ServingSettings(
        CommonSettings.from(p, COMPLETIONS, true),
        p.integer("llm.numPrompts", 1000, 1),
        requestRate,
        p.number("llm.burstiness", 1.0, 0, false),
        p.integer("llm.maxConcurrency", 0, 0),
        DatasetSettings.from(p),
        p.integer("llm.numWarmups", 0, 0),
        p.optional("llm.goodput"),
        itlStats(p.choice("llm.itlStats", "request_mean", List.of("every_gap", "request_mean", "none"))),
        p.optional("llm.assert"),
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
    return common.chat();
  }
}
