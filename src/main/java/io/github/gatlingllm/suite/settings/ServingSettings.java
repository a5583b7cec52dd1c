package io.github.gatlingllm.suite.settings;

import io.github.gatlingllm.javaapi.LlmLoad;
import io.github.gatlingllm.javaapi.LlmProtocolBuilder;
import io.github.gatlingllm.metrics.GoodputSlo;
import io.github.gatlingllm.metrics.RampUp;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.protocol.Injector;
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
 * @param warmupsAtLoadPace warm-ups arrive as the measured load does (its rate, burstiness or ramp) rather than all at
 *     once as vLLM sends them ({@code llm.warmupArrivals}: {@code at-once}, the default, or {@code load})
 * @param goodput SLOs such as {@code ttft:500,tpot:50} ({@code llm.goodput}), parsed once here, or empty
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
    boolean warmupsAtLoadPace,
    Optional<GoodputSlo> goodput,
    ItlStats itlStats,
    Optional<String> assertions,
    boolean saveDetailed,
    List<String> percentileMetrics,
    Optional<RampUp> rampUp) {

  public static final String COMPLETIONS = "/v1/completions";
  public static final String CHAT = "/v1/chat/completions";

  public static final String REQUEST_RATE = "llm.requestRate";
  public static final String BURSTINESS = "llm.burstiness";
  public static final String MAX_CONCURRENCY = "llm.maxConcurrency";
  public static final String NUM_WARMUPS = "llm.numWarmups";
  public static final String WARMUP_ARRIVALS = "llm.warmupArrivals";
  public static final String GOODPUT = "llm.goodput";
  public static final String ITL_STATS = "llm.itlStats";
  public static final String ASSERT = "llm.assert";
  public static final String PERCENTILE_METRICS = "llm.percentileMetrics";
  public static final String SAVE_DETAILED = "llm.saveDetailed";

  /** Every property the serving benchmark reads: the common ones, the dataset's and its own. */
  public static final List<String> PROPERTIES = properties();

  private static List<String> properties() {
    List<String> all =
        new ArrayList<>(
            CommonSettings.with(
                DatasetSettings.NUM_PROMPTS,
                REQUEST_RATE,
                BURSTINESS,
                MAX_CONCURRENCY,
                NUM_WARMUPS,
                WARMUP_ARRIVALS,
                GOODPUT,
                ITL_STATS,
                ASSERT,
                PERCENTILE_METRICS,
                SAVE_DETAILED));
    all.addAll(RampUpSettings.PROPERTIES);
    all.addAll(DatasetSettings.PROPERTIES);
    return List.copyOf(all);
  }

  public static ServingSettings fromSystemProperties() {
    return from(LlmProperties.fromSystemProperties(PROPERTIES));
  }

  public static ServingSettings from(LlmProperties p) {
    double requestRate = requestRate(p);
    return new ServingSettings(
        CommonSettings.from(p, COMPLETIONS, true),
        DatasetSettings.numPrompts(p),
        requestRate,
        p.number(BURSTINESS, 1.0, 0, false),
        p.integer(MAX_CONCURRENCY, 0, 0),
        DatasetSettings.from(p),
        p.integer(NUM_WARMUPS, 0, 0),
        p.choice(WARMUP_ARRIVALS, "at-once", List.of("at-once", "load")).equals("load"),
        p.parsed(GOODPUT, GoodputSlo::parse, GoodputSlo.FORM),
        itlStats(p.choice(ITL_STATS, "request_mean", List.of("every_gap", "request_mean", "none"))),
        p.optional(ASSERT),
        p.bool(SAVE_DETAILED, false),
        p.parsed(PERCENTILE_METRICS, SummaryOptions::parsePercentileMetrics,
                "comma-separated names among " + String.join(", ", SummaryOptions.ALL_PERCENTILE_METRICS))
            .orElse(SummaryOptions.ALL_PERCENTILE_METRICS),
        RampUpSettings.from(p, requestRate));
  }

  /** {@code llm.requestRate}: arrivals per second, infinite (all at once) by default. */
  static double requestRate(LlmProperties p) {
    return p.rate(REQUEST_RATE);
  }

  private static ItlStats itlStats(String name) {
    return ItlStats.valueOf(name.toUpperCase(Locale.ROOT));
  }

  public boolean chat() {
    return common.chat();
  }

  /**
   * The measured load: {@code llm.numPrompts} requests all at once ({@code llm.requestRate} inf), with vLLM's gamma
   * arrivals at {@code llm.requestRate} of shape {@code llm.burstiness}, or ramping as {@code llm.rampUpStrategy}
   * says; arrival times seeded by {@code llm.seed}. In a fleet, this injector's share ({@link #load(int)}).
   */
  public LlmLoad load() {
    return load(common.injector().share(numPrompts));
  }

  /**
   * As {@link #load()} for {@code requests} requests: this injector's prompts, when a dataset fixes their number. In
   * a fleet of N injectors each sends at {@code llm.requestRate / N} (a ramp's start and end rates alike) with its own
   * arrival seed {@code llm.seed + index}: independent Poisson processes of rate r / N add up to one Poisson process
   * of rate r, so a Poisson fleet is the single generator's load. Gamma gaps of another shape (burstiness != 1) do not
   * add up to gamma gaps: the fleet's merged arrivals are more Poisson-like than each injector's.
   */
  public LlmLoad load(int requests) {
    return load(requests, common.injector().seed(common.seed()));
  }

  /** {@link #load(int)} with arrivals drawn from {@code seed}. */
  private LlmLoad load(int requests, long seed) {
    Injector injector = common.injector();
    if (rampUp.isPresent()) {
      RampUp ramp = rampUp.get();
      RampUp share = new RampUp(ramp.strategy(), injector.share(ramp.startRps()), injector.share(ramp.endRps()));
      return LlmLoad.gamma(requests, burstiness).ramp(share).seed(seed);
    }
    if (Double.isInfinite(requestRate)) {
      return LlmLoad.gamma(requests, burstiness).atOnce(); // burstiness reported as given, as vLLM does
    }
    return LlmLoad.gamma(requests, burstiness).perSecond(injector.share(requestRate)).seed(seed);
  }

  /**
   * The warm-up requests' load: all at once (vLLM's warm-up), or, with {@code llm.warmupArrivals=load}, arriving as
   * the measured load will (its rate, burstiness or ramp, seeded apart), so that the whole path, Gatling's engine and
   * the server included, has run at the load's pace before the first measured request: on a one-core client at 2,000
   * req/s, the JIT compiler otherwise used most of the core during the first 10 s of the measured load
   * (BENCHMARKS.md, "Calibration").
   */
  public LlmLoad warmupLoad() {
    if (!warmupsAtLoadPace || Double.isInfinite(requestRate) && rampUp.isEmpty()) {
      return LlmLoad.requests(numWarmups).atOnce();
    }
    // Arrivals of their own, not the measured load's first ones.
    return load(numWarmups, common.injector().seed(common.seed()) + 7_919);
  }

  /**
   * {@code protocol} with the serving benchmark's own knobs applied: {@code llm.maxConcurrency},
   * {@code llm.percentileMetrics}, {@code llm.itlStats}, {@code llm.saveDetailed}, {@code llm.goodput} and
   * {@code llm.assert}, so that the simulation itself reads as an example.
   */
  public LlmProtocolBuilder applyTo(LlmProtocolBuilder protocol) {
    LlmProtocolBuilder applied =
        protocol
            // A fleet's cap is for the whole fleet, as its rate is: each injector caps its share (at least 1).
            .maxConcurrency(maxConcurrency == 0 ? 0 : Math.max(1, common.injector().share(maxConcurrency)))
            .percentileMetrics(percentileMetrics.toArray(new String[0]))
            .itlStats(itlStats)
            .saveDetailed(saveDetailed);
    applied = goodput.map(applied::goodput).orElse(applied);
    return assertions.map(applied::assertions).orElse(applied);
  }
}
