package io.github.gatlingllm.javaapi;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;

import io.gatling.core.action.builder.Executable;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.github.gatlingllm.metrics.LoadDescription;
import io.github.gatlingllm.metrics.RampUp;
import io.github.gatlingllm.protocol.LoadProtocol;
import io.github.gatlingllm.report.ReplayReport;
import io.github.gatlingllm.report.SummaryCheck;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The load of an LLM benchmark, in one object: it injects the users and it is what the LLM summary reports
 * ({@code num_prompts}, {@code request_rate}, {@code burstiness}, {@code ramp_up_*}), so that what is reported is what
 * was sent. Immutable.
 *
 * <pre>{@code
 * LlmLoad load = poisson(600).perSecond(10);           // 600 requests, Poisson arrivals at 10 per second
 * setUp(load.inject(scenario("chat").exec(chat("ask").prompt("#{question}")))).protocols(llm.baseUrl(...));
 *
 * gamma(600, 4).perSecond(10)                           // gamma gaps of burstiness 4: more regular than Poisson
 * poisson(1000).ramp(RampUp.linear(1, 20))              // the rate grows from 1 to 20 req/s over the requests
 * LlmLoad.requests(1000).atOnce()                       // all at once (request_rate inf)
 * LlmLoad.concurrency(8).requests(200)                  // closed model: 8 users back to back, 200 requests in all
 * LlmLoad.concurrencySteps(1, 4, 16)...                 // closed-model levels one after another
 * }</pre>
 *
 * <p>Open loads follow vLLM's {@code bench serve}: each gap, the first included, is drawn from Gamma(burstiness,
 * 1 / (rate x burstiness)) on an absolute schedule, rescaled so that the last arrival lands at n / rate (see
 * {@link ArrivalSchedule}); seeded ({@link #seed}, default 0). The users are let go evenly within at most 64 windows
 * (one Gatling ramp each) a little ahead of their arrivals, and each waits, first thing in its scenario, until its
 * exact arrival (every injection step costs Gatling's injector work for every later user; see {@link Arrivals}).
 *
 * <p>Several measured populations in one run are reported together: {@code num_prompts} summed, {@code request_rate}
 * summed when every rate is finite, inf when every one is inf, else null; {@code burstiness} when all are equal, else
 * null ({@link LoadDescription#combine}). A population whose requests are all warm-ups ({@code .warmUp()}) is not
 * reported. Measured requests injected without an {@code LlmLoad} leave {@code request_rate} and {@code burstiness}
 * null and {@code num_prompts} the requests recorded, with a console line saying why.
 *
 * <p>{@link #inject} rebuilds the scenario under the same name: its actions run after the wait for the arrival, or
 * in the loop of the closed model.
 */
public final class LlmLoad {
  /** The default seed of the arrival times, as vLLM's {@code --seed}. */
  public static final long DEFAULT_SEED = 0;

  /** What kind of load, with its numbers (never the seed). */
  private sealed interface Model permits Timed, AtOnce, Closed, Scheduled, Replay {}

  /** Open model with gamma gaps at a fixed rate, or a ramp (rate infinite then), or LLM-on-Ray's draws. */
  private record Timed(int requests, double rate, RampUp ramp, double burstiness, boolean llmOnRay)
      implements Model {}

  private record AtOnce(int requests, double burstiness) implements Model {}

  private record Closed(int users, int requests) implements Model {}

  private record Scheduled(double[] joinSeconds) implements Model {}

  /** A recorded trace's arrivals, already divided by the speed-up. */
  private record Replay(String trace, double speedup, double[] offsetSeconds) implements Model {}

  private final Model model;
  private final long seed;

  private LlmLoad(Model model, long seed) {
    this.model = model;
    this.seed = seed;
  }

  /**
   * {@code requests} requests with Poisson arrivals (vLLM's default burstiness 1): say at what rate with
   * {@link Rate#perSecond} or {@link Rate#ramp}.
   */
  public static Rate poisson(int requests) {
    return gamma(requests, 1.0);
  }

  /**
   * {@code requests} requests whose gaps are gamma-distributed of shape {@code burstiness} (vLLM's
   * {@code --burstiness}): 1 is Poisson, larger is more regular, smaller is burstier. Say at what rate with
   * {@link Rate#perSecond} or {@link Rate#ramp}.
   */
  public static Rate gamma(int requests, double burstiness) {
    ArrivalSchedule.checkCount(requests);
    ArrivalSchedule.checkBurstiness(burstiness);
    return new Rate(requests, burstiness);
  }

  /** {@code requests} requests, sent as {@link Count#atOnce()}. */
  public static Count requests(int requests) {
    ArrivalSchedule.checkCount(requests);
    return new Count(requests);
  }

  /**
   * The closed model: {@code users} virtual users, each sending its next request as soon as its previous one ended;
   * say how many requests in all with {@link Concurrency#requests}. Not vLLM's {@code --max-concurrency}, which caps
   * an open load's requests in flight: that one is {@code llm.maxConcurrency(c)} on the protocol.
   */
  public static Concurrency concurrency(int users) {
    if (users < 1) {
      throw new IllegalArgumentException("the number of concurrent users must be >= 1, got " + users);
    }
    return new Concurrency(users);
  }

  /**
   * Closed-model levels run one after another, each its own scenario and measured step of an exact number of
   * requests: see {@link ConcurrencySteps}. Each level is reported as {@code concurrency(c).requests(n)} is.
   */
  public static ConcurrencySteps concurrencySteps(int... levels) {
    return ConcurrencySteps.levels(levels);
  }

  /**
   * A capacity search: the highest request rate (or concurrency) whose steps keep every clause of {@code slo} (the
   * syntax of {@code llm.assert}, e.g. {@code p99_ttft_ms<500;failed_ratio<0.01}), found by steps run one after
   * another: see {@link CapacitySteps}.
   */
  public static CapacitySteps capacitySearch(String slo) {
    return CapacitySteps.search(SummaryCheck.parseAll(slo));
  }

  /**
   * A sweep, one step per level: {@code auto} (synchronous, throughput, then rates between them),
   * {@code rates:1,2,4,8} or {@code concurrency:1,8,32}: see {@link CapacitySteps}.
   */
  public static CapacitySteps sweep(String levels) {
    return CapacitySteps.sweep(levels);
  }

  /**
   * Users joining at given times (seconds from the start, non-decreasing), each running the scenario once, which may
   * send several requests (e.g. conversations). Such a load has no request count nor single rate of its own: the
   * summary reports the requests recorded and a null {@code request_rate}.
   */
  public static LlmLoad users(double... joinSeconds) {
    if (joinSeconds.length == 0) {
      throw new IllegalArgumentException("the schedule of users is empty: at least one join time is needed");
    }
    Arrivals.of(joinSeconds); // fails now, naming the first time out of order
    return new LlmLoad(new Scheduled(joinSeconds.clone()), DEFAULT_SEED);
  }

  /**
   * A recorded trace replayed: one request per arrival, sent at its offset (seconds from the start, non-decreasing,
   * already divided by {@code speedup}) on an absolute schedule, so lateness never accumulates; a late send shows as
   * client queue time. The summary names the trace and the speed-up and reports how closely the sends kept the
   * schedule ({@code schedule_lag_p50_ms}, {@code _p99_}, {@code _max_}); {@code request_rate} is null (a trace has
   * no single rate) and {@code num_prompts} is the number of arrivals.
   *
   * @param trace the trace's name, for the summary (its file name)
   * @param speedup how much faster than recorded the offsets are (1 = as recorded)
   */
  public static LlmLoad replay(String trace, double speedup, double... offsetSeconds) {
    Objects.requireNonNull(trace, "trace");
    if (!(speedup > 0) || Double.isInfinite(speedup)) {
      throw new IllegalArgumentException("the trace speed-up must be a finite number > 0, got " + speedup);
    }
    if (offsetSeconds.length == 0) {
      throw new IllegalArgumentException("the trace '" + trace + "' has no request to replay (check its window)");
    }
    Arrivals.of(offsetSeconds); // fails now, naming the first offset out of order
    return new LlmLoad(new Replay(trace, speedup, offsetSeconds.clone()), DEFAULT_SEED);
  }

  /** The number of requests of an open load, before its rate. */
  public static final class Rate {
    private final int requests;
    private final double burstiness;

    private Rate(int requests, double burstiness) {
      this.requests = requests;
      this.burstiness = burstiness;
    }

    /** Arrivals at {@code rate} requests per second on average; the last one lands at requests / rate seconds. */
    public LlmLoad perSecond(double rate) {
      ArrivalSchedule.checkRate(rate);
      return new LlmLoad(new Timed(requests, rate, null, burstiness, false), DEFAULT_SEED);
    }

    /**
     * All requests at the start (vLLM's {@code --request-rate inf}), reporting this load's burstiness as vLLM reports
     * its {@code --burstiness} whatever the rate (with no gaps it shapes nothing).
     */
    public LlmLoad atOnce() {
      return new LlmLoad(new AtOnce(requests, burstiness), DEFAULT_SEED);
    }

    /**
     * A rate that changes request by request (vLLM's {@code --ramp-up-strategy}): request i of n arrives after a gap
     * drawn at {@code ramp.rateAt(i, n)}, not rescaled. Reported as vLLM does: {@code request_rate} inf and the
     * {@code ramp_up_*} keys.
     */
    public LlmLoad ramp(RampUp ramp) {
      Objects.requireNonNull(ramp, "ramp");
      return new LlmLoad(new Timed(requests, Double.POSITIVE_INFINITY, ramp, burstiness, false), DEFAULT_SEED);
    }

    /**
     * Arrivals at {@code rate} per second drawn as LLM-on-Ray's {@code benchmark_serving.py} draws them: the first
     * request at 0, then an exponential gap after each, not rescaled (so the run's length varies with the seed). Only
     * for Poisson arrivals, as LLM-on-Ray has no burstiness.
     */
    public LlmLoad perSecondLikeLlmOnRay(double rate) {
      ArrivalSchedule.checkRate(rate);
      if (burstiness != 1.0) {
        throw new IllegalArgumentException(
            "LLM-on-Ray draws Poisson arrivals only: use poisson(n), not a burstiness of " + burstiness);
      }
      return new LlmLoad(new Timed(requests, rate, null, 1.0, true), DEFAULT_SEED);
    }
  }

  /** A number of requests, before how they are sent. */
  public static final class Count {
    private final int requests;

    private Count(int requests) {
      this.requests = requests;
    }

    /** All requests at the start (vLLM's {@code --request-rate inf}). */
    public LlmLoad atOnce() {
      return new LlmLoad(new AtOnce(requests, 1.0), DEFAULT_SEED);
    }
  }

  /** The users of a closed load, before the number of requests. */
  public static final class Concurrency {
    private final int users;

    private Concurrency(int users) {
      this.users = users;
    }

    /**
     * {@code requests} requests in all (failed ones count, as in vLLM), so exactly {@code users} are in flight until
     * fewer remain. Reported as vLLM's equivalent run: {@code request_rate} inf.
     */
    public LlmLoad requests(int requests) {
      ArrivalSchedule.checkCount(requests);
      return new LlmLoad(new Closed(users, requests), DEFAULT_SEED);
    }
  }

  /** The same load with arrival times drawn from {@code seed} (default 0); no effect on loads without random gaps. */
  public LlmLoad seed(long seed) {
    return new LlmLoad(model, seed);
  }

  /**
   * The population of {@code scenario} under this load, described for the summary by {@link #description()}. Each
   * call makes its own schedule, so one load may inject several scenarios (each then sends the whole load).
   */
  public PopulationBuilder inject(ScenarioBuilder scenario) {
    Objects.requireNonNull(scenario, "scenario");
    PopulationBuilder population;
    if (model instanceof AtOnce atOnce) {
      population = scenario.injectOpen(atOnceUsers(atOnce.requests()));
    } else if (model instanceof Closed closed) {
      population =
          ConcurrencySteps.closedLoop(name(scenario), chainOf(scenario), closed.users(), closed.requests(), List.of());
    } else if (model instanceof Replay replay) {
      Arrivals arrivals = Arrivals.of(replay.offsetSeconds());
      PopulationBuilder replayed =
          CoreDsl.scenario(name(scenario)).exec(arrivals.pace()).exec(chainOf(scenario)).injectOpen(arrivals.injection());
      // The replay's own report (trace, speed-up, schedule lag) comes with the population, as a capacity search's.
      ReplayReport report =
          new ReplayReport(replay.trace(), replay.speedup(), replay.offsetSeconds().length, name(scenario));
      LoadDescription description = description();
      return replayed.protocols(() -> new LoadProtocol(description, report));
    } else {
      Arrivals arrivals = Arrivals.of(arrivalSeconds());
      population =
          CoreDsl.scenario(name(scenario))
              .exec(arrivals.pace()) // each user waits for its own arrival time (any length of schedule)
              .exec(chainOf(scenario))
              .injectOpen(arrivals.injection());
    }
    return described(population, description());
  }

  /** What the summary reports for this load. */
  public LoadDescription description() {
    if (model instanceof Timed t) {
      String seedText = " (seed " + seed + ")";
      if (t.ramp() != null) {
        return LoadDescription.ramped(
            t.requests(),
            t.ramp(),
            t.burstiness(),
            String.format(
                Locale.ROOT, "%d requests, %s arrivals ramping %s from %s to %s req/s%s", t.requests(),
                LoadDescription.gaps(t.burstiness()), t.ramp().strategy().id(), t.ramp().startRps(),
                t.ramp().endRps(), seedText));
      }
      return LoadDescription.atRate(
          t.requests(),
          t.rate(),
          t.burstiness(),
          String.format(
              Locale.ROOT, "%d requests, %s arrivals at %s req/s%s%s", t.requests(),
              LoadDescription.gaps(t.burstiness()), t.rate(), t.llmOnRay() ? " drawn as LLM-on-Ray does" : "",
              seedText));
    }
    if (model instanceof AtOnce a) {
      return LoadDescription.atRate(
          a.requests(), Double.POSITIVE_INFINITY, a.burstiness(), a.requests() + " requests at once");
    }
    if (model instanceof Closed c) {
      return closedDescription(c.users(), c.requests());
    }
    if (model instanceof Replay r) {
      double[] offsets = r.offsetSeconds();
      double span = offsets[offsets.length - 1] - offsets[0];
      return new LoadDescription(
          offsets.length,
          null,
          null,
          null,
          String.format(
              Locale.ROOT,
              "trace %s replayed at %sx: %d requests over %.1f s (mean %.2f req/s), no single rate (request_rate null)",
              r.trace(), java.math.BigDecimal.valueOf(r.speedup()).stripTrailingZeros().toPlainString(),
              offsets.length, span, span > 0 ? (offsets.length - 1) / span : 0.0));
    }
    Scheduled s = (Scheduled) model;
    return LoadDescription.uncounted(
        s.joinSeconds().length
            + " users joining on a given schedule, each sending the requests its scenario makes: no single request"
            + " rate (request_rate null), num_prompts counts the requests recorded");
  }

  @Override
  public String toString() {
    return description().text();
  }

  /** A closed level as vLLM's equivalent run describes it: all at once, its users capping the requests in flight. */
  static LoadDescription closedDescription(int users, int requests) {
    return LoadDescription.atRate(
        requests,
        Double.POSITIVE_INFINITY,
        1.0,
        requests + " requests from " + users + " users sending back to back (closed model)");
  }

  /** The population carrying its load's description, where the LLM actions of its scenario find it. */
  static PopulationBuilder described(PopulationBuilder population, LoadDescription description) {
    return population.protocols(() -> new LoadProtocol(description));
  }

  /** The arrival times of an open load, in seconds from the start. */
  double[] arrivalSeconds() {
    if (model instanceof Timed t) {
      if (t.ramp() != null) {
        return ArrivalSchedule.ramp(t.requests(), t.ramp(), t.burstiness(), seed);
      }
      return t.llmOnRay()
          ? ArrivalSchedule.afterEach(t.requests(), t.rate(), seed)
          : ArrivalSchedule.gamma(t.requests(), t.rate(), t.burstiness(), seed);
    }
    if (model instanceof Scheduled s) {
      return s.joinSeconds().clone();
    }
    throw new IllegalStateException("not an open load with arrival times: " + this);
  }

  private static String name(ScenarioBuilder scenario) {
    return scenario.wrapped.name();
  }

  /** The scenario's actions as a chain, to run after the wait for the arrival or inside the closed model's loop. */
  private static ChainBuilder chainOf(ScenarioBuilder scenario) {
    // As an Iterable: a Scala List is also a function, which exec would take for a session hook.
    scala.collection.Iterable<Executable> actions = CollectionConverters.asScala(List.<Executable>of(scenario.wrapped));
    return ChainBuilder.EMPTY.make(empty -> (io.gatling.core.structure.ChainBuilder) empty.exec(actions));
  }
}
