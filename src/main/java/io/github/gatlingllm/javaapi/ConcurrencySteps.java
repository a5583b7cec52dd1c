package io.github.gatlingllm.javaapi;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.github.gatlingllm.protocol.Injector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * The closed model as LLM benchmarks use it: fixed concurrency levels, each a separate measured step of an exact
 * number of requests, run one after another so that levels never overlap.
 *
 * <pre>{@code
 * PopulationBuilder load =
 *     LlmLoad.concurrencySteps(1, 4, 8)
 *         .requestsPerLevel(c -> 4 * c)
 *         .records(prompts)                       // feeder records: "prompt", "maxTokens", ...
 *         .exec(completion("completion").prompt("#{prompt}").maxTokens("#{maxTokens}"))
 *         .build();
 * setUp(load).protocols(protocol);
 * }</pre>
 *
 * <p>Each level {@code c} is one scenario (named {@code concurrency c} unless {@link #scenarioName} says otherwise) of
 * {@code c} virtual users started together; each user loops, taking the next request of the level's budget from a
 * shared counter, until the budget is used. So exactly {@code c} requests are in flight until fewer than {@code c}
 * remain, and the level sends exactly {@code requestsPerLevel(c)} requests (failed ones count, as in vLLM). This is
 * what {@code vllm bench serve --max-concurrency c --num-prompts n --request-rate inf} does with its semaphore, without
 * a client-side queue: a request is sent the moment its user is free, so there is no client queue time. Each level is
 * reported as {@code LlmLoad.concurrency(c).requests(n)} is (its own population, {@code request_rate} inf; the run's
 * {@code num_prompts} is the levels' sum). Gatling's
 * {@code constantConcurrentUsers(c).during(d)} would keep {@code c} users too, but with a request count that depends on
 * the server's speed.
 *
 * <p>Request {@code i} of a level (from 0, in the order users claim them) gets record {@code i % records.size()}, so
 * every level sends the same prompts in the same order. Levels are chained with nested {@code andThen}: {@code
 * a.andThen(b.andThen(c))}; Gatling's {@code a.andThen(b).andThen(c)} would start {@code b} and {@code c} together.
 */
public final class ConcurrencySteps {
  /** The session attribute holding the request's index within its level (0, 1, ...; >= budget ends the loop). */
  public static final String REQUEST_INDEX = "llmStepRequest";

  /** Default requests per level: two per user, at least 10 (enough for a median at level 1). */
  public static final IntUnaryOperator DEFAULT_REQUESTS_PER_LEVEL = c -> Math.max(2 * c, 10);

  /**
   * One measured step.
   *
   * @param concurrency requests in flight (from this injector, in a fleet)
   * @param scenario the Gatling scenario's name, unique in the run (the whole level's, the same on every injector)
   * @param requests requests sent in this step (by this injector, in a fleet)
   * @param level the level the step belongs to: its concurrency across the fleet
   */
  public record Step(int concurrency, String scenario, int requests, int level) {
    /** A step of a run alone: the level is the concurrency. */
    public Step(int concurrency, String scenario, int requests) {
      this(concurrency, scenario, requests, concurrency);
    }
  }

  private final int[] levels;
  private final IntUnaryOperator requestsPerLevel;
  private final IntFunction<String> scenarioName;
  private final List<Map<String, Object>> records;
  private final ChainBuilder chain;
  private final Injector injector;

  private ConcurrencySteps(
      int[] levels,
      IntUnaryOperator requestsPerLevel,
      IntFunction<String> scenarioName,
      List<Map<String, Object>> records,
      ChainBuilder chain,
      Injector injector) {
    this.levels = levels;
    this.requestsPerLevel = requestsPerLevel;
    this.scenarioName = scenarioName;
    this.records = records;
    this.chain = chain;
    this.injector = injector;
  }

  /** Levels in the order they run; each >= 1. */
  public static ConcurrencySteps levels(int... levels) {
    if (levels == null || levels.length == 0) {
      throw new IllegalArgumentException("at least one concurrency level is needed");
    }
    for (int level : levels) {
      if (level < 1) {
        throw new IllegalArgumentException("concurrency levels must be >= 1, got " + level);
      }
    }
    return new ConcurrencySteps(
        levels.clone(), DEFAULT_REQUESTS_PER_LEVEL, c -> "concurrency " + c, List.of(), null, null);
  }

  /** How many requests level {@code c} sends (default {@link #DEFAULT_REQUESTS_PER_LEVEL}); each must be >= 1. */
  public ConcurrencySteps requestsPerLevel(IntUnaryOperator perLevel) {
    return new ConcurrencySteps(levels, Objects.requireNonNull(perLevel), scenarioName, records, chain, injector);
  }

  /** The same number of requests at every level. */
  public ConcurrencySteps requestsPerLevel(int requests) {
    return requestsPerLevel(c -> requests);
  }

  /** The scenario name of level {@code c} (default {@code "concurrency " + c}); names must be unique. */
  public ConcurrencySteps scenarioName(IntFunction<String> name) {
    return new ConcurrencySteps(levels, requestsPerLevel, Objects.requireNonNull(name), records, chain, injector);
  }

  /** Records put into the session before each request (like a feeder): request i gets record i % size. */
  public ConcurrencySteps records(List<Map<String, Object>> feederRecords) {
    if (feederRecords.isEmpty()) {
      throw new IllegalArgumentException("the list of feeder records is empty");
    }
    return new ConcurrencySteps(levels, requestsPerLevel, scenarioName, List.copyOf(feederRecords), chain, injector);
  }

  /** What one request is: usually one LLM request builder. */
  public ConcurrencySteps exec(ActionBuilder request) {
    return exec(CoreDsl.exec(request));
  }

  /** What one request is, as a chain (it may hold pauses or several actions; it runs once per budget unit). */
  public ConcurrencySteps exec(ChainBuilder perRequest) {
    return new ConcurrencySteps(levels, requestsPerLevel, scenarioName, records, Objects.requireNonNull(perRequest), injector);
  }

  /**
   * This JVM as one injector of a fleet: each level's users and requests split across the injectors. Level {@code c}
   * gives this injector {@link Injector#share(int) its share} of the {@code c} users (the remainder to the first
   * ones); the level's requests are split alike among the {@code min(c, N)} injectors that have users, so the
   * injectors' steps add up to the level. A level of fewer users than injectors is skipped by those left without any;
   * the scenario keeps the level's name, so the merged files' per-scenario figures are the level's.
   */
  public ConcurrencySteps injector(Injector fleetPlace) {
    return new ConcurrencySteps(
        levels, requestsPerLevel, scenarioName, records, chain, Objects.requireNonNull(fleetPlace));
  }

  /** The steps in run order (this injector's, in a fleet): concurrency, scenario name, request count, level. */
  public List<Step> steps() {
    List<Step> steps = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int level : levels) {
      int requests = requestsPerLevel.applyAsInt(level);
      if (requests < 1) {
        throw new IllegalArgumentException(
            "the number of requests at concurrency " + level + " must be >= 1, got " + requests);
      }
      String name = scenarioName.apply(level);
      if (!names.add(name)) {
        throw new IllegalArgumentException(
            "scenario name '" + name + "' is used by two levels: Gatling needs unique scenario names");
      }
      if (injector == null) {
        steps.add(new Step(level, name, requests));
        continue;
      }
      int users = injector.share(level);
      int mine = injector.share(requests, Math.min(level, injector.count()));
      if (users > 0 && mine > 0) {
        steps.add(new Step(users, name, mine, level));
      }
    }
    if (steps.isEmpty()) {
      throw new IllegalArgumentException(
          "injector " + injector.index() + " of " + injector.count() + " has no users at any level "
              + Arrays.toString(levels) + ": each level needs at least as many users as injectors to reach them all");
    }
    return steps;
  }

  /** The levels chained so that each starts when the previous one has finished, each described for the summary. */
  public PopulationBuilder build() {
    if (chain == null) {
      throw new IllegalStateException("concurrencySteps needs the request to send: .exec(completion(...))");
    }
    List<Step> steps = steps();
    PopulationBuilder load = null;
    for (int i = steps.size() - 1; i >= 0; i--) {
      Step s = steps.get(i);
      PopulationBuilder step =
          LlmLoad.described(
              closedLoop(s.scenario(), chain, s.concurrency(), s.requests(), records),
              LlmLoad.closedDescription(s.concurrency(), s.requests()));
      load = load == null ? step : step.andThen(load);
    }
    return load;
  }

  /**
   * The closed model's population: {@code users} users started together, each looping on {@code perRequest} and
   * taking the next request of the {@code budget} from a shared counter (with record {@code i % records.size()} put
   * into its session, when there are records) until the budget is used.
   */
  static PopulationBuilder closedLoop(
      String scenario, ChainBuilder perRequest, int users, int budget, List<Map<String, Object>> records) {
    AtomicInteger next = new AtomicInteger();
    ChainBuilder claim = CoreDsl.exec(session -> claim(session, next.getAndIncrement(), budget, records));
    return scenario(scenario)
        .exec(claim)
        .asLongAs(session -> session.getInt(REQUEST_INDEX) < budget)
        .on(CoreDsl.exec(perRequest).exec(claim))
        .injectOpen(atOnceUsers(Math.min(users, budget)));
  }

  private static Session claim(Session session, int index, int budget, List<Map<String, Object>> records) {
    Session claimed = session.set(REQUEST_INDEX, index);
    if (index < budget && !records.isEmpty()) {
      claimed = claimed.setAll(records.get(index % records.size()));
    }
    return claimed;
  }
}
