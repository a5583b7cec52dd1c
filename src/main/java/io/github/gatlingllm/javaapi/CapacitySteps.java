package io.github.gatlingllm.javaapi;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.PopulationBuilder;
import io.github.gatlingllm.capacity.BracketSearch;
import io.github.gatlingllm.capacity.CapacityRun;
import io.github.gatlingllm.capacity.SearchDimension;
import io.github.gatlingllm.capacity.StepPlanner;
import io.github.gatlingllm.capacity.StepSize;
import io.github.gatlingllm.capacity.SweepPlan;
import io.github.gatlingllm.metrics.LoadDescription;
import io.github.gatlingllm.protocol.LoadProtocol;
import io.github.gatlingllm.report.SummaryCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A capacity search or a sweep as Gatling populations: "how much load can this server take within our SLOs?"
 * answered by the run itself.
 *
 * <pre>{@code
 * PopulationBuilder search =
 *     LlmLoad.capacitySearch("p99_ttft_ms<500;p99_tpot_ms<50;failed_ratio<0.01")   // the SLOs, as llm.assert
 *         .rate().start(1).precision(0.05).maxSteps(12).repeats(1)                 // or .concurrency()
 *         .stepDuration(Duration.ofSeconds(30)).warmUpShare(0.2)                    // or .stepRequests(200)
 *         .records(prompts)                                                          // request i gets record i % n
 *         .exec(completion("completion").prompt("#{prompt}").maxTokens("#{maxTokens}"))
 *         .build();
 * setUp(search).protocols(protocol);                                  // capacity.json, table, HTML charts follow
 *
 * LlmLoad.sweep("auto")...                                            // or "rates:1,2,4,8", "concurrency:1,8,32"
 * }</pre>
 *
 * <p>How it runs in Gatling: the populations are fixed before a run starts, while each step's load is only known once
 * the previous one is judged. So {@link #build()} declares one scenario per possible step ({@code step 01}, {@code
 * step 02}, ...), chained with nested {@code andThen} so that they never overlap, each injecting a pool of
 * {@link #maxInFlight} users at once; the first user of each step has the previous step judged and this one's load
 * decided ({@link CapacityRun}), while the others wait in short pauses; steps the search does not need end at once.
 * The first {@link #warmUpShare} of each step's requests are sent as warm-ups: the server reaches its steady state on
 * them, and they stay out of the step's figures. Immutable.
 */
public final class CapacitySteps {
  /** The default share of a step spent warming up. */
  public static final double DEFAULT_WARM_UP_SHARE = 0.2;
  /** The default most requests in flight (each step's pool of users). */
  public static final int DEFAULT_MAX_IN_FLIGHT = 1024;

  /** The settings, copied on every change (the builder is immutable). */
  private static final class Settings {
    List<SummaryCheck> slo = List.of();
    String sweep;
    int sweepRates = 4;
    SearchDimension dimension = SearchDimension.RATE;
    double start = 1;
    double precision = 0.05;
    int maxSteps = 12;
    int repeats = 1;
    StepSize size = StepSize.of(Duration.ofSeconds(30), DEFAULT_WARM_UP_SHARE);
    double burstiness = 1.0;
    long seed;
    int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    String scenarioPrefix = "step";
    List<Map<String, Object>> records = List.of();
    LlmRequestBuilder<?> request;

    Settings copy() {
      Settings c = new Settings();
      c.slo = slo;
      c.sweep = sweep;
      c.sweepRates = sweepRates;
      c.dimension = dimension;
      c.start = start;
      c.precision = precision;
      c.maxSteps = maxSteps;
      c.repeats = repeats;
      c.size = size;
      c.burstiness = burstiness;
      c.seed = seed;
      c.maxInFlight = maxInFlight;
      c.scenarioPrefix = scenarioPrefix;
      c.records = records;
      c.request = request;
      return c;
    }
  }

  private final Settings c;

  private CapacitySteps(Settings settings) {
    this.c = settings;
  }

  private CapacitySteps change(Consumer<Settings> change) {
    Settings changed = c.copy();
    change.accept(changed);
    return new CapacitySteps(changed);
  }

  /** A capacity search judged on {@code slo} (clauses as {@code llm.assert}, e.g. {@code p99_ttft_ms<500}). */
  static CapacitySteps search(List<SummaryCheck> slo) {
    if (slo.isEmpty()) {
      throw new IllegalArgumentException("a capacity search needs SLO clauses, e.g. p99_ttft_ms<500;failed_ratio<0.01");
    }
    Settings settings = new Settings();
    settings.slo = List.copyOf(slo);
    return new CapacitySteps(settings);
  }

  /** A sweep: {@code auto}, {@code rates:1,2,4,8} or {@code concurrency:1,8,32} (see {@link SweepPlan#parse}). */
  static CapacitySteps sweep(String levels) {
    SweepPlan.parse(levels, 4, List.of()); // fails now, naming the bad level
    Settings settings = new Settings();
    settings.sweep = levels;
    return new CapacitySteps(settings);
  }

  /** Search the request rate (the default): open-model arrivals, capacity in req/s ({@code capacity_rps}). */
  public CapacitySteps rate() {
    return change(s -> s.dimension = SearchDimension.RATE);
  }

  /** Search the concurrency: closed-model users, capacity in users ({@code capacity_concurrency}). */
  public CapacitySteps concurrency() {
    return change(s -> s.dimension = SearchDimension.CONCURRENCY);
  }

  /** The first step's load (req/s or users; default 1): the search doubles it until a step fails. */
  public CapacitySteps start(double load) {
    return change(s -> s.start = load);
  }

  /** Narrowing stops once (high - low) / low is at most this (default 0.05). */
  public CapacitySteps precision(double relative) {
    return change(s -> s.precision = relative);
  }

  /** The most steps, repeats included (default 12). */
  public CapacitySteps maxSteps(int steps) {
    return change(s -> s.maxSteps = steps);
  }

  /** Extra runs of the passing load nearest the boundary (default 1). */
  public CapacitySteps repeats(int repeats) {
    return change(s -> s.repeats = repeats);
  }

  /** The interpolated rates of an automatic sweep (default 4). */
  public CapacitySteps sweepRates(int rates) {
    return change(s -> s.sweepRates = rates);
  }

  /** SLO clauses to judge a sweep's steps on (a search is given them at its start). */
  public CapacitySteps slo(List<SummaryCheck> slo) {
    return change(s -> s.slo = List.copyOf(slo));
  }

  /** Each step lasts this long (default 30 s): a rate step sends rate x duration requests. */
  public CapacitySteps stepDuration(Duration duration) {
    return change(s -> s.size = StepSize.of(duration, s.size.warmUpShare()));
  }

  /** Each step sends this many requests, warm-ups included. */
  public CapacitySteps stepRequests(int requests) {
    return change(s -> s.size = StepSize.of(requests, s.size.warmUpShare()));
  }

  /** The share of each step spent warming up, kept out of its figures (default 0.2). */
  public CapacitySteps warmUpShare(double share) {
    return change(s -> s.size = new StepSize(s.size.duration(), s.size.requests(), share));
  }

  /** The gamma shape of a rate step's gaps (vLLM's {@code --burstiness}; default 1, Poisson). */
  public CapacitySteps burstiness(double burstiness) {
    ArrivalSchedule.checkBurstiness(burstiness);
    return change(s -> s.burstiness = burstiness);
  }

  /** The seed of the arrival times (step k draws with seed + k). */
  public CapacitySteps seed(long seed) {
    return change(s -> s.seed = seed);
  }

  /**
   * The most requests in flight (default 1024): each step's pool of users, so also the highest concurrency a search
   * tries. A rate step whose arrivals find every one busy falls behind its schedule and is stopped as over-saturated.
   */
  public CapacitySteps maxInFlight(int users) {
    if (users < 1) {
      throw new IllegalArgumentException("the most requests in flight must be >= 1, got " + users);
    }
    return change(s -> s.maxInFlight = users);
  }

  /** The steps' scenario names are {@code <prefix> 01}, {@code <prefix> 02}, ... (default "step"). */
  public CapacitySteps scenarioPrefix(String prefix) {
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException("the step scenarios' prefix must not be blank");
    }
    return change(s -> s.scenarioPrefix = prefix);
  }

  /** Records put into the session before each request (like a feeder): request i gets record i % size. */
  public CapacitySteps records(List<Map<String, Object>> feederRecords) {
    if (feederRecords.isEmpty()) {
      throw new IllegalArgumentException("the list of feeder records is empty");
    }
    return change(s -> s.records = List.copyOf(feederRecords));
  }

  /** The request each step sends; its warm-ups are the same request marked {@code .warmUp()}. */
  public CapacitySteps exec(LlmRequestBuilder<?> request) {
    Objects.requireNonNull(request, "request");
    return change(s -> s.request = request);
  }

  /** The planner these settings make: a bracket search, or the sweep's levels. */
  public StepPlanner planner() {
    if (c.sweep != null) {
      SweepPlan plan = SweepPlan.parse(c.sweep, c.sweepRates, c.slo);
      return plan;
    }
    double ceiling = c.dimension == SearchDimension.CONCURRENCY ? c.maxInFlight : Double.POSITIVE_INFINITY;
    return new BracketSearch(c.dimension, c.start, c.precision, c.maxSteps, c.repeats, ceiling, c.slo);
  }

  /** The steps chained so that each starts when the previous one has finished (see the class comment). */
  public PopulationBuilder build() {
    if (c.request == null) {
      throw new IllegalStateException("a capacity search needs the request to send: .exec(completion(...))");
    }
    StepPlanner planner = planner();
    int steps = planner.maxSteps();
    List<String> names = new ArrayList<>();
    for (int k = 0; k < steps; k++) {
      names.add(String.format(Locale.ROOT, "%s %02d", c.scenarioPrefix, k + 1));
    }
    double burstiness = c.burstiness;
    CapacityRun.ArrivalSource gammaArrivals =
        new CapacityRun.ArrivalSource() {
          @Override
          public double[] arrivals(int n, double rate, long seed) {
            return ArrivalSchedule.gamma(n, rate, burstiness, seed);
          }

          @Override
          public double burstiness() {
            return burstiness;
          }
        };
    CapacityRun run =
        new CapacityRun(planner, c.size, gammaArrivals, c.seed, c.maxInFlight, c.slo, names, c.records);
    // One description shared by every step: the run reports the search once, with the requests it recorded.
    LoadDescription description =
        LoadDescription.uncounted(
            (c.sweep != null ? "sweep " + c.sweep : "capacity search on " + c.slo + " by " + c.dimension.id())
                + ", " + c.size + ": num_prompts counts the requests recorded, request_rate is null (each step has"
                + " its own, in capacity.json)");
    ChainBuilder perRequest =
        doIfOrElse(session -> session.getBoolean(CapacityRun.WARM_UP))
            .then(CoreDsl.exec(c.request.warmUp()))
            .orElse(CoreDsl.exec(c.request));
    PopulationBuilder chained = null;
    for (int k = steps - 1; k >= 0; k--) {
      int step = k;
      PopulationBuilder population =
          scenario(names.get(k))
              .exec(session -> run.enter(step, session))
              .asLongAs(session -> run.undecided(step))
              .on(CoreDsl.pause(CapacityRun.POLL))
              .exec(session -> run.claim(step, session))
              .asLongAs(session -> session.getInt(CapacityRun.INDEX) >= 0)
              .on(
                  CoreDsl.pause(run::untilDue)
                      .exec(session -> run.beforeSend(step, session))
                      .doIf(session -> session.getBoolean(CapacityRun.SEND))
                      .then(CoreDsl.exec(perRequest).exec(session -> run.afterSend(step, session)))
                      .exec(session -> run.claim(step, session)))
              .injectOpen(atOnceUsers(c.maxInFlight))
              .protocols(() -> new LoadProtocol(description, run));
      chained = chained == null ? population : population.andThen(chained);
    }
    return chained;
  }
}
