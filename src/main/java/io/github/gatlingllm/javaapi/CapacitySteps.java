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

  private record Config(
      List<SummaryCheck> slo,
      String sweep,
      int sweepRates,
      SearchDimension dimension,
      double start,
      double precision,
      int maxSteps,
      int repeats,
      StepSize size,
      double burstiness,
      long seed,
      int maxInFlight,
      String scenarioPrefix,
      List<Map<String, Object>> records,
      LlmRequestBuilder<?> request) {}

  private final Config c;

  private CapacitySteps(Config config) {
    this.c = config;
  }

  /** A capacity search judged on {@code slo} (clauses as {@code llm.assert}, e.g. {@code p99_ttft_ms<500}). */
  static CapacitySteps search(List<SummaryCheck> slo) {
    if (slo.isEmpty()) {
      throw new IllegalArgumentException("a capacity search needs SLO clauses, e.g. p99_ttft_ms<500;failed_ratio<0.01");
    }
    return new CapacitySteps(
        new Config(List.copyOf(slo), null, 4, SearchDimension.RATE, 1, 0.05, 12, 1,
            StepSize.of(Duration.ofSeconds(30), DEFAULT_WARM_UP_SHARE), 1.0, 0, DEFAULT_MAX_IN_FLIGHT, "step",
            List.of(), null));
  }

  /** A sweep: {@code auto}, {@code rates:1,2,4,8} or {@code concurrency:1,8,32} (see {@link SweepPlan#parse}). */
  static CapacitySteps sweep(String levels) {
    SweepPlan.parse(levels, 4, List.of()); // fails now, naming the bad level
    return new CapacitySteps(
        new Config(List.of(), levels, 4, SearchDimension.RATE, 1, 0.05, 12, 1,
            StepSize.of(Duration.ofSeconds(30), DEFAULT_WARM_UP_SHARE), 1.0, 0, DEFAULT_MAX_IN_FLIGHT, "step",
            List.of(), null));
  }

  /** Search the request rate (the default): open-model arrivals, capacity in req/s ({@code capacity_rps}). */
  public CapacitySteps rate() {
    return with(new Config(c.slo, c.sweep, c.sweepRates, SearchDimension.RATE, c.start, c.precision, c.maxSteps,
        c.repeats, c.size, c.burstiness, c.seed, c.maxInFlight, c.scenarioPrefix, c.records, c.request));
  }

  /** Search the concurrency: closed-model users, capacity in users ({@code capacity_concurrency}). */
  public CapacitySteps concurrency() {
    return with(new Config(c.slo, c.sweep, c.sweepRates, SearchDimension.CONCURRENCY, Math.max(1, Math.rint(c.start)),
        c.precision, c.maxSteps, c.repeats, c.size, c.burstiness, c.seed, c.maxInFlight, c.scenarioPrefix, c.records,
        c.request));
  }

  /** The first step's load (req/s or users; default 1): the search doubles it until a step fails. */
  public CapacitySteps start(double load) {
    return with(new Config(c.slo, c.sweep, c.sweepRates, c.dimension, load, c.precision, c.maxSteps, c.repeats, c.size,
        c.burstiness, c.seed, c.maxInFlight, c.scenarioPrefix, c.records, c.request));
  }

  /** Narrowing stops once (high - low) / low is at most this (default 0.05). */
  public CapacitySteps precision(double relative) {
    return with(new Config(c.slo, c.sweep, c.sweepRates, c.dimension, c.start, relative, c.maxSteps, c.repeats, c.size,
        c.burstiness, c.seed, c.maxInFlight, c.scenarioPrefix, c.records, c.request));
  }

  /** The most steps, repeats included (default 12). */
  public CapacitySteps maxSteps(int steps) {
    return with(new Config(c.slo, c.sweep, c.sweepRates, c.dimension, c.start, c.precision, steps, c.repeats, c.size,
        c.burstiness, c.seed, c.maxInFlight, c.scenarioPrefix, c.records, c.request));
  }

  /** Extra runs of the passing load nearest the boundary (default 1). */
  public CapacitySteps repeats(int repeats) {
    return with(new Config(c.slo, c.sweep, c.sweepRates, c.dimension, c.start, c.precision, c.maxSteps, repeats, c.size,
        c.burstiness, c.seed, c.maxInFlight, c.scenarioPrefix, c.records, c.request));
  }

  /** The interpolated rates of an automatic sweep (default 4). */
  public CapacitySteps sweepRates(int rates) {
    return with(new Config(c.slo, c.sweep, rates, c.dimension, c.start, c.precision, c.maxSteps, c.repeats, c.size,
        c.burstiness, c.seed, c.maxInFlight, c.scenarioPrefix, c.records, c.request));
  }

  /** SLO clauses to judge a sweep's steps on (a search is given them at its start). */
  public CapacitySteps slo(List<SummaryCheck> slo) {
    return with(new Config(List.copyOf(slo), c.sweep, c.sweepRates, c.dimension, c.start, c.precision, c.maxSteps,
        c.repeats, c.size, c.burstiness, c.seed, c.maxInFlight, c.scenarioPrefix, c.records, c.request));
  }

  /** Each step lasts this long (default 30 s): a rate step sends rate x duration requests. */
  public CapacitySteps stepDuration(Duration duration) {
    return size(StepSize.of(duration, c.size.warmUpShare()));
  }

  /** Each step sends this many requests, warm-ups included. */
  public CapacitySteps stepRequests(int requests) {
    return size(StepSize.of(requests, c.size.warmUpShare()));
  }

  /** The share of each step spent warming up, kept out of its figures (default 0.2). */
  public CapacitySteps warmUpShare(double share) {
    return size(new StepSize(c.size.duration(), c.size.requests(), share));
  }

  /** The gamma shape of a rate step's gaps (vLLM's {@code --burstiness}; default 1, Poisson). */
  public CapacitySteps burstiness(double burstiness) {
    ArrivalSchedule.checkBurstiness(burstiness);
    return with(new Config(c.slo, c.sweep, c.sweepRates, c.dimension, c.start, c.precision, c.maxSteps, c.repeats,
        c.size, burstiness, c.seed, c.maxInFlight, c.scenarioPrefix, c.records, c.request));
  }

  /** The seed of the arrival times (step k draws with seed + k). */
  public CapacitySteps seed(long seed) {
    return with(new Config(c.slo, c.sweep, c.sweepRates, c.dimension, c.start, c.precision, c.maxSteps, c.repeats,
        c.size, c.burstiness, seed, c.maxInFlight, c.scenarioPrefix, c.records, c.request));
  }

  /**
   * The most requests in flight (default 1024): each step's pool of users, so also the highest concurrency a search
   * tries. A rate step whose arrivals find every one busy falls behind its schedule and is stopped as over-saturated.
   */
  public CapacitySteps maxInFlight(int users) {
    if (users < 1) {
      throw new IllegalArgumentException("the most requests in flight must be >= 1, got " + users);
    }
    return with(new Config(c.slo, c.sweep, c.sweepRates, c.dimension, c.start, c.precision, c.maxSteps, c.repeats,
        c.size, c.burstiness, c.seed, users, c.scenarioPrefix, c.records, c.request));
  }

  /** The steps' scenario names are {@code <prefix> 01}, {@code <prefix> 02}, ... (default "step"). */
  public CapacitySteps scenarioPrefix(String prefix) {
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException("the step scenarios' prefix must not be blank");
    }
    return with(new Config(c.slo, c.sweep, c.sweepRates, c.dimension, c.start, c.precision, c.maxSteps, c.repeats,
        c.size, c.burstiness, c.seed, c.maxInFlight, prefix, c.records, c.request));
  }

  /** Records put into the session before each request (like a feeder): request i gets record i % size. */
  public CapacitySteps records(List<Map<String, Object>> feederRecords) {
    if (feederRecords.isEmpty()) {
      throw new IllegalArgumentException("the list of feeder records is empty");
    }
    return with(new Config(c.slo, c.sweep, c.sweepRates, c.dimension, c.start, c.precision, c.maxSteps, c.repeats,
        c.size, c.burstiness, c.seed, c.maxInFlight, c.scenarioPrefix, List.copyOf(feederRecords), c.request));
  }

  /** The request each step sends; its warm-ups are the same request marked {@code .warmUp()}. */
  public CapacitySteps exec(LlmRequestBuilder<?> request) {
    return with(new Config(c.slo, c.sweep, c.sweepRates, c.dimension, c.start, c.precision, c.maxSteps, c.repeats,
        c.size, c.burstiness, c.seed, c.maxInFlight, c.scenarioPrefix, c.records, Objects.requireNonNull(request)));
  }

  private CapacitySteps size(StepSize size) {
    return with(new Config(c.slo, c.sweep, c.sweepRates, c.dimension, c.start, c.precision, c.maxSteps, c.repeats,
        size, c.burstiness, c.seed, c.maxInFlight, c.scenarioPrefix, c.records, c.request));
  }

  private static CapacitySteps with(Config config) {
    return new CapacitySteps(config);
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
    CapacityRun run =
        new CapacityRun(
            planner, c.size, (n, rate, seed) -> ArrivalSchedule.gamma(n, rate, burstiness, seed), c.seed,
            c.maxInFlight, c.slo, names, c.records);
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
