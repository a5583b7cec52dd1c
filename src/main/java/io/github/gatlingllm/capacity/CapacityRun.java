package io.github.gatlingllm.capacity;

import io.gatling.javaapi.core.Session;
import io.github.gatlingllm.action.ScheduledStart;
import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.LoadDescription;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.RunStatistics;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.report.HtmlSummaryBlock;
import io.github.gatlingllm.report.RunExtension;
import io.github.gatlingllm.report.RunResults;
import io.github.gatlingllm.report.SummaryCheck;
import io.github.gatlingllm.report.SummaryChecks;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A capacity search or sweep while it runs. Gatling fixes its populations before the run, but each step's load is only
 * known once the previous step has been judged; so the run declares {@link StepPlanner#maxSteps()} step scenarios,
 * chained so that they never overlap, each injecting a pool of {@code maxInFlight} users at once, and this object
 * gives each step its load when the step's first user arrives:
 *
 * <ol>
 *   <li>The first user of step k ({@link #enter}) tells this object that step k-1 is over (its users have all ended:
 *       the chaining guarantees it). The search's own thread then waits until the statistics thread has read every
 *       measured request of step k-1, judges it on the SLOs, and asks the planner for step k's load, or for none (the
 *       search is over: step k and every later one end at once).
 *   <li>Meanwhile step k's users wait in short Gatling pauses ({@link #undecided}): nothing blocks an event loop.
 *   <li>Each user then loops: it claims the step's next request ({@link #claim}: its index, due time, warm-up or
 *       measured, and its feeder record), waits for its due time, sends it, and claims again, until the step's
 *       requests or time are used up, or the step is stopped as clearly failing ({@link StepWatch}). A rate step's
 *       arrivals follow a gamma schedule as vLLM's; a concurrency step keeps exactly c users busy; an all-at-once step
 *       keeps the whole pool busy.
 * </ol>
 *
 * <p>Memory: one step's statistics at a time (released once it is judged, {@link StepSlot#release}) and one summary
 * per finished step.
 */
public final class CapacityRun implements RunExtension {
  private static final Logger LOG = LoggerFactory.getLogger(CapacityRun.class);

  /** Session attributes of a step's users. */
  public static final String USER = "gatling-llm.capacityUser";
  public static final String INDEX = "gatling-llm.capacityRequest";
  public static final String WARM_UP = "gatling-llm.capacityWarmUp";
  public static final String SEND = "gatling-llm.capacitySend";
  /** The request's due time, which the LLM request also takes as its intended start (lateness is queue time). */
  private static final String DUE = ScheduledStart.ATTRIBUTE;

  /** How often waiting users look whether their step's load is decided. */
  public static final Duration POLL = Duration.ofMillis(20);
  /** Lead between deciding a rate step and its schedule's zero, so that every user has claimed before it. */
  private static final long RATE_LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  /** How often a running step is sampled for over-saturation. */
  private static final long SAMPLE_MILLIS = 250;
  /** How long the judge waits for a finished step's records before judging what arrived. */
  private static final long RECORD_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final double[] TABLE_PERCENTILES = {50, 90, 99};

  /**
   * Arrival times (seconds from the step's start) of {@code n} arrivals at {@code rate}: the load's own draw, with
   * gaps of gamma shape {@link #burstiness()}.
   */
  public interface ArrivalSource {
    double[] arrivals(int n, double rate, long seed);

    /** The gamma shape of the gaps (1 = Poisson), reported in each rate step's own summary. */
    double burstiness();
  }

  private final StepPlanner planner;
  private final StepSize size;
  private final ArrivalSource arrivals;
  private final long seed;
  private final int maxInFlight;
  private final List<SummaryCheck> slo;
  private final SummaryOptions options;
  private final List<Map<String, Object>> records;
  private final List<StepSlot> slots = new ArrayList<>();
  private final Map<String, StepSlot> byScenario = new HashMap<>();
  /** Judged steps in run order; guarded by this. */
  private final List<StepResult> results = new ArrayList<>();
  private final long startEpochMillis = System.currentTimeMillis();
  /** Created when the first step is reached (a simulation built but never run starts no thread). */
  private ScheduledExecutorService control;
  private volatile boolean over;
  private CapacityResult concluded;

  /**
   * @param scenarioNames the step scenarios' names, one per step the planner may ask for
   * @param maxInFlight the users of each step: the most requests in flight (and the highest concurrency)
   * @param records feeder records, request i of a step gets record i % size (may be empty)
   */
  public CapacityRun(
      StepPlanner planner,
      StepSize size,
      ArrivalSource arrivals,
      long seed,
      int maxInFlight,
      List<SummaryCheck> slo,
      List<String> scenarioNames,
      List<Map<String, Object>> records) {
    if (scenarioNames.size() != planner.maxSteps()) {
      throw new IllegalArgumentException(
          scenarioNames.size() + " step scenarios for a planner of " + planner.maxSteps() + " steps");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("the most requests in flight must be >= 1, got " + maxInFlight);
    }
    this.planner = planner;
    this.size = size;
    this.arrivals = arrivals;
    this.seed = seed;
    this.maxInFlight = maxInFlight;
    this.slo = List.copyOf(slo);
    this.options = stepOptions(slo);
    this.records = List.copyOf(records);
    for (int i = 0; i < scenarioNames.size(); i++) {
      StepSlot slot = new StepSlot(i, scenarioNames.get(i));
      slots.add(slot);
      if (byScenario.put(slot.scenario, slot) != null) {
        throw new IllegalArgumentException("two steps are named '" + slot.scenario + "': names must be unique");
      }
    }
  }

  /** The summary options of a step: the percentiles its clauses name, and those of the tables (50, 90, 99). */
  static SummaryOptions stepOptions(List<SummaryCheck> slo) {
    TreeSet<Double> percentiles = new TreeSet<>();
    for (double p : TABLE_PERCENTILES) {
      percentiles.add(p);
    }
    for (SummaryCheck check : slo) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("p([0-9.]+)_.*").matcher(check.key());
      if (m.matches()) {
        percentiles.add(Double.parseDouble(m.group(1)));
      }
    }
    return new SummaryOptions(new ArrayList<>(percentiles), null, false, false);
  }

  public int maxInFlight() {
    return maxInFlight;
  }

  public List<String> scenarioNames() {
    return slots.stream().map(s -> s.scenario).toList();
  }

  // ---- Gatling's side: called from the step scenarios' session functions, never blocking ----

  /** A user of step {@code step} starts: numbered within its step; the first one has the step decided. */
  public Session enter(int step, Session session) {
    StepSlot slot = slots.get(step);
    if (slot.reached.compareAndSet(false, true)) {
      control().execute(() -> decide(step));
    }
    return session.set(USER, slot.users.getAndIncrement());
  }

  /** Whether the step's users must keep waiting for its load. */
  public boolean undecided(int step) {
    return slots.get(step).undecided();
  }

  /**
   * The user's next request of the step: {@link #INDEX} >= 0 with its due time, warm-up flag and feeder record; or
   * {@link #INDEX} -1 when the user is done (step over, stopped, skipped, or this user is not among the step's
   * concurrency).
   */
  public Session claim(int step, Session session) {
    StepSlot slot = slots.get(step);
    StepSlot.Plan plan = slot.plan();
    if (plan == null || slot.stopped()) {
      return session.set(INDEX, -1);
    }
    int user = session.getInt(USER);
    if (plan.load().kind() == StepLoad.Kind.CONCURRENCY && user >= plan.load().users()) {
      return session.set(INDEX, -1);
    }
    long now = System.nanoTime();
    if (plan.deadlineNanos() != 0 && now - plan.deadlineNanos() >= 0) {
      return session.set(INDEX, -1);
    }
    int i = slot.nextRequest.getAndIncrement();
    if (plan.requests() >= 0 && i >= plan.requests()) {
      return session.set(INDEX, -1);
    }
    long due = plan.arrivalSeconds() != null ? plan.originNanos() + Math.round(plan.arrivalSeconds()[i] * 1e9) : now;
    boolean warmUp =
        plan.requests() >= 0 ? i < plan.warmUps() : now - plan.originNanos() < size.warmUpNanos();
    Session claimed = session.set(INDEX, i).set(DUE, due).set(WARM_UP, warmUp);
    return records.isEmpty() ? claimed : claimed.setAll(records.get(i % records.size()));
  }

  /** How long the user waits before sending its claimed request. */
  public Duration untilDue(Session session) {
    return Duration.ofNanos(Math.max(0, session.getLong(DUE) - System.nanoTime()));
  }

  /** The request is due: {@link #SEND} false when the step was stopped meanwhile; counts it as sent otherwise. */
  public Session beforeSend(int step, Session session) {
    StepSlot slot = slots.get(step);
    if (slot.stopped()) {
      return session.set(SEND, false);
    }
    StepSlot.Plan plan = slot.plan();
    if (plan.arrivalSeconds() != null) {
      slot.noteLateness(System.nanoTime() - session.getLong(DUE));
    }
    slot.started.incrementAndGet();
    if (!session.getBoolean(WARM_UP)) {
      slot.measuredSent.incrementAndGet();
    }
    return session.set(SEND, true);
  }

  /** The request has ended (its record, when measured, is on its way to the statistics). */
  public Session afterSend(int step, Session session) {
    StepSlot slot = slots.get(step);
    slot.finished.incrementAndGet();
    slot.noteEnd(System.nanoTime(), size.warmUpNanos());
    return session;
  }

  // ---- the statistics thread's side ----

  @Override
  public void onRecord(RequestRecord record) {
    StepSlot slot = byScenario.get(record.scenario());
    if (slot != null) {
      slot.add(record);
    }
  }

  // ---- the search's own thread ----

  private synchronized ScheduledExecutorService control() {
    if (control == null) {
      control =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "gatling-llm-capacity");
                t.setDaemon(true);
                return t;
              });
      control.scheduleAtFixedRate(this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }
    return control;
  }

  /** Step {@code k} is reached: judges the previous step, then decides this one's load (or ends the search). */
  private void decide(int k) {
    try {
      if (k > 0) {
        awaitRecords(slots.get(k - 1));
        judge(slots.get(k - 1));
      }
      StepSlot slot = slots.get(k);
      Optional<PlannedStep> next = over ? Optional.empty() : planner.next(judgedSteps());
      if (next.isEmpty()) {
        over = true;
        slot.skip();
        return;
      }
      StepSlot.Plan plan = plan(slot, next.get());
      System.out.printf(
          Locale.ROOT, "Capacity step %d (%s): %s, %s%n", k + 1, next.get().phase().id(), next.get().load().label(),
          plan.requests() >= 0
              ? plan.requests() + " requests (" + plan.warmUps() + " warming up)"
              : size.duration().toMillis() / 1000.0 + " s");
      slot.start(plan);
    } catch (RuntimeException e) {
      // A search that cannot go on must not leave users waiting forever: end it here, keeping what was judged.
      LOG.error("The capacity search could not decide step {}; it ends here", k + 1, e);
      over = true;
      slots.get(k).skip();
    }
  }

  private StepSlot.Plan plan(StepSlot slot, PlannedStep step) {
    StepLoad load = step.load();
    long now = System.nanoTime();
    int requests = size.requestsAt(load);
    int warmUps = requests >= 0 ? size.warmUpsOf(requests) : 0;
    double[] schedule = null;
    long origin = now;
    if (load.kind() == StepLoad.Kind.RATE) {
      schedule = arrivals.arrivals(requests, load.value(), seed + slot.index);
      origin = now + RATE_LEAD_NANOS;
    }
    long deadline = requests < 0 ? origin + size.duration().toNanos() : 0;
    int plannedMeasured = requests < 0 ? -1 : requests - warmUps;
    return new StepSlot.Plan(
        load, step.phase(), requests, warmUps, schedule, origin, deadline,
        new StepWatch(slo, plannedMeasured, load.kind() == StepLoad.Kind.RATE),
        new RunStatistics(options));
  }

  /** Waits (on the search's own thread) until the statistics thread has read every measured request of the step. */
  private static void awaitRecords(StepSlot slot) {
    long deadline = System.nanoTime() + RECORD_WAIT_NANOS;
    while (slot.recorded.get() < slot.measuredSent.get()) {
      if (System.nanoTime() - deadline > 0) {
        LOG.warn(
            "Step {}: {} of its {} measured requests reached the statistics within {} s; judging on those",
            slot.index + 1, slot.recorded.get(), slot.measuredSent.get(), TimeUnit.NANOSECONDS.toSeconds(RECORD_WAIT_NANOS));
        return;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Judges a finished step on its own measured requests, once. */
  private void judge(StepSlot slot) {
    if (!slot.judge()) {
      return;
    }
    StepSlot.Plan plan = slot.plan();
    BenchmarkSummary summary = plan.statistics().summary(describe(slot, plan), options);
    Map<String, Double> keys = SummaryChecks.numbers(summary, Map.of());
    List<SummaryChecks.Result> checks = SummaryChecks.evaluate(slo, keys);
    String stopped = slot.stopReason();
    boolean passed =
        stopped == null && summary.completed() > 0 && checks.stream().allMatch(SummaryChecks.Result::passed);
    if (stopped == null && summary.completed() == 0) {
      stopped = "no measured request completed";
    }
    StepResult result =
        new StepResult(
            slot.index + 1, slot.scenario, plan.load(), plan.phase(), summary, keys, checks, passed, stopped,
            plan.plannedMeasured() >= 0 ? plan.plannedMeasured() : slot.measuredSent.get(), slot.measuredSent.get(),
            slot.windowRate());
    synchronized (this) {
      results.add(result);
    }
    slot.release();
    System.out.println(consoleLine(result));
  }

  private static String consoleLine(StepResult r) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT, "Capacity step %d (%s, %s): %s, %.2f req/s achieved", r.number(), r.phase().id(),
                r.load().label(), r.passed() ? "PASS" : "FAIL", r.achievedRequestRate()));
    for (SummaryChecks.Result c : r.checks()) {
      line.append("; ").append(c.describe());
    }
    if (r.stoppedEarly() != null) {
      line.append("; stopped early: ").append(r.stoppedEarly());
    }
    return line.toString();
  }

  /** The step's own run description: its load, as vLLM would describe a run of just these requests. */
  private RunDescription describe(StepSlot slot, StepSlot.Plan plan) {
    int measured = Math.max(1, slot.measuredSent.get());
    StepLoad load = plan.load();
    LoadDescription description =
        switch (load.kind()) {
          case RATE -> LoadDescription.atRate(measured, load.value(), arrivals.burstiness(), load.label());
          case CONCURRENCY -> LoadDescription.atRate(measured, Double.POSITIVE_INFINITY, 1.0, load.label());
          case ALL_AT_ONCE -> LoadDescription.atRate(measured, Double.POSITIVE_INFINITY, 1.0, load.label());
        };
    Integer cap = load.kind() == StepLoad.Kind.CONCURRENCY ? load.users() : null;
    return new RunDescription(
        "gatling-llm", null, slot.scenario, null, null, description, measured, cap, startEpochMillis);
  }

  /** Samples the running step for over-saturation (the search's own thread, every {@link #SAMPLE_MILLIS}). */
  private void sample() {
    try {
      long now = System.nanoTime();
      for (StepSlot slot : slots) {
        StepSlot.Plan plan = slot.plan();
        if (plan == null || slot.judged() || slot.stopped()) {
          continue;
        }
        boolean measuring =
            plan.requests() >= 0 ? slot.nextRequest.get() > plan.warmUps()
                : now - plan.originNanos() >= size.warmUpNanos();
        int inFlight = slot.started.get() - slot.finished.get();
        plan.watch().sample(now, inFlight, slot.worstLatenessNanos.get(), maxInFlight, measuring);
        String reason = plan.watch().reason();
        if (reason != null) {
          slot.stop(reason);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Sampling the running capacity step failed; the next sample tries again", e);
    }
  }

  private synchronized List<StepResult> judgedSteps() {
    return List.copyOf(results);
  }

  // ---- the end of the run ----

  /**
   * The search's outcome, once the load is over: judges the last step (every record has been read by now), stops the
   * search's thread, and concludes. Idempotent.
   */
  public synchronized CapacityResult result() {
    if (concluded == null) {
      over = true;
      if (control != null) {
        control.shutdownNow();
      }
      for (StepSlot slot : slots) {
        if (slot.plan() != null && !slot.judged()) {
          if (slot.stopReason() == null && slot.plan().requests() >= 0
              && slot.measuredSent.get() < slot.plan().plannedMeasured()) {
            slot.stop("the run ended before the step did");
          }
          judge(slot);
        }
      }
      concluded = planner.conclude(judgedSteps());
    }
    return concluded;
  }

  @Override
  public Map<String, Object> summaryFacts() {
    return CapacityFacts.of(result());
  }

  @Override
  public List<HtmlSummaryBlock.Part> htmlParts() {
    return HtmlCapacityBlock.parts(result());
  }

  @Override
  public void write(RunResults run) throws IOException {
    CapacityResult result = result();
    System.out.print(CapacityTable.render(result));
    Optional<java.nio.file.Path> file = CapacityJson.save(run, result);
    file.ifPresent(f -> System.out.println("Capacity results written to " + f.toAbsolutePath()));
  }
}
