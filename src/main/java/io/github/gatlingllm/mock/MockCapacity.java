package io.github.gatlingllm.mock;

/**
 * The capacity of a {@link MockLlmServer} in closed form, for one request shape: what a capacity search run against
 * the mock should find. Times are in milliseconds, rates in requests per second.
 *
 * <p>The model is the mock's own (see {@link MockConfig}), for text requests of {@code promptTokens} prompt tokens and
 * exactly {@code outputTokens} = o output tokens (as with {@code ignore_eos}). While b requests run, the caller
 * included:
 *
 * <ul>
 *   <li>prefill {@code P = ttftMs + ttftPerPromptTokenMs x promptTokens} (the TTFT of a request that did not wait;
 *       prompts are taken to miss the prefix cache, else promptTokens is what it did not serve);
 *   <li>{@code ITL(b) = itlMs + itlPerActiveStreamMs x b};
 *   <li>service time {@code S(b) = P + (o - 1) x ITL(b)}, from getting a batch slot to the last token.
 * </ul>
 *
 * <p><b>Open model</b>, regular arrivals at rate λ. By Little's law the batch (the mean number running) solves {@code
 * b = λ S(b)}: {@code b(λ) = λ (P + (o - 1) itlMs) / (1 - λ (o - 1) itlPerActiveStreamMs)} ({@link #batchAt}). With B
 * = {@code batchSlots} > 0 it saturates at {@code λ_sat = B / S(B)} ({@link #saturationRate}). Below λ_sat no request
 * ever waits: arrivals are 1/λ apart and every request is served for the same time S (each one's history is the
 * previous one's shifted by 1/λ), so an arrival finds running only the {@code ceil(λS) - 1} earlier ones that arrived
 * less than S ago; and {@code λS <= λS(B) < B}, so that is at most B - 1 and a slot is free. Above λ_sat the batch stays
 * at B, requests leave at λ_sat and the queue grows without bound: an arrival t seconds into the load waits about
 * {@code (λ / λ_sat - 1) x t}.
 *
 * <p><b>Closed model</b>, c users that send their next request as soon as the previous one ends, all starting
 * together: the batch is {@code min(c, B)}. With c > B it stays full, every request is served in S(B), and the
 * system runs in rounds of S(B) that each serve B requests ({@link #closedTtftMs}).
 *
 * <p>Approximations, stated so that a test knows its tolerance: b above is the time-average of the number running,
 * while a request's ITL samples that number at its own tokens; both agree when λS is a whole number and differ by less
 * than one stream otherwise. Jitter ({@code itlJitterMs}) averages out as long as it stays below the ITL (gaps are
 * clamped at 0). Images and the server's own lateness are not modelled. Arrivals must be regular: Poisson or gamma
 * arrivals bunch up, so requests queue now and then below λ_sat too and TTFT percentiles rise above P before it.
 */
public final class MockCapacity {
  /** {@link #concurrencyCapacity} when no SLO limits the number of users. */
  public static final int UNBOUNDED_USERS = Integer.MAX_VALUE;

  /** Absorbs rounding when a ratio of the inputs is a whole number, e.g. (7.5 - 5) / 0.5 must floor to 5, not 4. */
  private static final double EPSILON = 1e-9;

  private final int slots;
  private final int outputTokens;
  private final double prefillMs;
  private final double itlMs;
  private final double itlPerStreamMs;

  private MockCapacity(MockConfig config, int promptTokens, int outputTokens) {
    this.slots = config.served().batchSlots();
    this.outputTokens = outputTokens;
    MockConfig.Latency latency = config.latency();
    this.prefillMs = latency.ttftMs() + latency.ttftPerPromptTokenMs() * promptTokens;
    this.itlMs = latency.itlMs();
    this.itlPerStreamMs = latency.itlPerActiveStreamMs();
  }

  /**
   * @param config the mock's settings (latency and {@code batchSlots}; the rest is ignored)
   * @param promptTokens prompt tokens of every request (as the mock counts them: words), >= 0
   * @param outputTokens output tokens of every request (o, sent with {@code ignore_eos}), >= 1
   */
  public static MockCapacity of(MockConfig config, int promptTokens, int outputTokens) {
    java.util.Objects.requireNonNull(config, "config");
    if (promptTokens < 0) {
      throw new IllegalArgumentException("Invalid promptTokens " + promptTokens + ": expected an integer >= 0");
    }
    if (outputTokens < 1) {
      throw new IllegalArgumentException("Invalid outputTokens " + outputTokens + ": expected an integer >= 1");
    }
    return new MockCapacity(config, promptTokens, outputTokens);
  }

  /**
   * Service-level objectives. A request meets the TTFT objective when its TTFT is at most {@code ttftMs}, the TPOT
   * objective when its TPOT (vLLM's: {@code (e2e - TTFT) / (o - 1)}, the mean ITL over the request) is at most {@code
   * tpotMs}; a load meets them when its {@code percentile}-th percentile does (nearest rank).
   *
   * @param percentile in (0, 100], e.g. 99
   * @param ttftMs > 0, or NaN for no TTFT objective
   * @param tpotMs > 0, or NaN for no TPOT objective
   */
  public record Slo(double percentile, double ttftMs, double tpotMs) {
    public Slo {
      if (!(percentile > 0 && percentile <= 100)) {
        throw new IllegalArgumentException("Invalid percentile " + percentile + ": expected a number in (0, 100]");
      }
      checkObjective("ttftMs", ttftMs);
      checkObjective("tpotMs", tpotMs);
    }

    boolean hasTtft() {
      return !Double.isNaN(ttftMs);
    }

    boolean hasTpot() {
      return !Double.isNaN(tpotMs);
    }

    private static void checkObjective(String name, double ms) {
      if (!Double.isNaN(ms) && !(ms > 0 && Double.isFinite(ms))) {
        throw new IllegalArgumentException(
            "Invalid " + name + " " + ms + ": expected a number of milliseconds > 0, or NaN for none");
      }
    }
  }

  /**
   * One step of an open-model load: arrivals at a constant rate for {@code seconds}, of which only those arriving from
   * {@code measuredFromSeconds} on are measured (the rest is warm-up).
   *
   * @param seconds > 0, or infinite for the steady state
   * @param measuredFromSeconds in [0, seconds)
   */
  public record Step(double seconds, double measuredFromSeconds) {
    public Step {
      if (!(seconds > 0)) {
        throw new IllegalArgumentException("Invalid step of " + seconds + " s: expected a duration > 0 (or infinite)");
      }
      if (!(measuredFromSeconds >= 0 && measuredFromSeconds < seconds)) {
        throw new IllegalArgumentException("Invalid measuredFromSeconds " + measuredFromSeconds
            + ": expected a number in [0, " + seconds + ")");
      }
    }

    /** The load held for ever: a queue that grows at all eventually breaks any TTFT objective. */
    public static Step steadyState() {
      return new Step(Double.POSITIVE_INFINITY, 0);
    }

    /**
     * When the request at the {@code percentile}-th percentile of TTFT arrives, in seconds from the step's start. The
     * queue wait grows with the arrival time, so that is the measured arrival a {@code percentile}% of the way through
     * the measured part: {@code t_p = measuredFrom + percentile / 100 x (seconds - measuredFrom)}.
     */
    public double percentileArrivalSeconds(double percentile) {
      return measuredFromSeconds + percentile / 100 * (seconds - measuredFromSeconds);
    }
  }

  /** P: the TTFT of a request that gets a slot at once. */
  public double prefillMs() {
    return prefillMs;
  }

  /** ITL(b) while {@code batch} requests run, the caller included. */
  public double itlMs(double batch) {
    return itlMs + itlPerStreamMs * batch;
  }

  /** S(b) = P + (o - 1) x ITL(b): from getting a slot to the last token, while {@code batch} requests run. */
  public double serviceMs(double batch) {
    return prefillMs + (outputTokens - 1) * itlMs(batch);
  }

  /**
   * λ_sat in requests per second: the highest rate with a bounded queue. With B slots, {@code B / S(B)}. Without
   * slots, the rate at which b(λ) diverges, {@code 1 / ((o - 1) itlPerActiveStreamMs)} (each new stream slows all the
   * others down until they never finish), or infinite when the ITL does not grow with the streams.
   */
  public double saturationRate() {
    if (slots > 0) {
      return 1000 * slots / serviceMs(slots);
    }
    double growth = (outputTokens - 1) * itlPerStreamMs;
    return growth > 0 ? 1000 / growth : Double.POSITIVE_INFINITY;
  }

  /**
   * b(λ): the mean number of requests running at a steady {@code rate} (requests per second), by Little's law; B
   * from saturation on, infinite beyond the divergence rate without slots.
   */
  public double batchAt(double rate) {
    checkRate(rate);
    double perMs = rate / 1000;
    double denominator = 1 - perMs * (outputTokens - 1) * itlPerStreamMs;
    double batch = denominator > 0 ? perMs * (prefillMs + (outputTokens - 1) * itlMs) / denominator
        : Double.POSITIVE_INFINITY;
    return slots > 0 ? Math.min(batch, slots) : batch;
  }

  /**
   * b_T: the largest batch whose ITL meets {@code tpotMs}, {@code (T - itlMs) / itlPerActiveStreamMs}; infinite when
   * any batch does (the ITL does not grow, or a single output token has no TPOT), below 1 when even a lone request
   * misses it.
   */
  public double tpotBatchLimit(double tpotMs) {
    if (outputTokens == 1) {
      return Double.POSITIVE_INFINITY;
    }
    if (itlPerStreamMs == 0) {
      return tpotMs >= itlMs ? Double.POSITIVE_INFINITY : 0;
    }
    return (tpotMs - itlMs) / itlPerStreamMs;
  }

  /**
   * λ_T: the highest rate whose TPOT meets {@code tpotMs}, {@code b_T / S(b_T)} (Little's law at the batch limit); 0
   * when a lone request misses it, infinite when the batch can never exceed b_T (no growth, or B <= b_T).
   */
  public double tpotRateLimit(double tpotMs) {
    double limit = tpotBatchLimit(tpotMs);
    if (limit == Double.POSITIVE_INFINITY || (slots > 0 && limit + EPSILON >= slots)) {
      return Double.POSITIVE_INFINITY;
    }
    if (limit + EPSILON < 1) {
      return 0;
    }
    return 1000 * limit / serviceMs(limit);
  }

  /**
   * The highest regular arrival rate (requests per second) that meets {@code slo} over {@code step}: {@code min(λ_T,
   * λ_X)}, where
   *
   * <ul>
   *   <li>λ_T ({@link #tpotRateLimit}) keeps the batch small enough for the TPOT objective (infinite without one);
   *   <li>λ_X keeps the TTFT objective X. Below saturation TTFT = P. Above it, a request arriving t seconds into the
   *       step waits {@code (λ / λ_sat - 1) t}, and the percentile's request arrives at t_p ({@link
   *       Step#percentileArrivalSeconds}); its TTFT P + wait stays within X as long as {@code λ <= λ_sat (1 + (X -
   *       P) / 1000 / t_p)}. In the steady state (t_p infinite) that is λ_sat: a short step tolerates a little
   *       overload, which is why a search with short steps finds more than λ_sat. No TTFT objective, or no slots (no
   *       queue): infinite. X below P: 0, no rate meets it.
   * </ul>
   *
   * @return requests per second; infinite when no objective limits the rate
   */
  public double rateCapacity(Slo slo, Step step) {
    return rateCapacity(slo, step.percentileArrivalSeconds(slo.percentile()));
  }

  /**
   * {@link #rateCapacity(Slo, Step)} for a caller that knows when the percentile's request arrives (a measured part
   * that is not the end of the step, say).
   *
   * @param percentileArrivalSeconds t_p: seconds from the step's start (when the load began) to the arrival of the
   *     request at the TTFT percentile; infinite for the steady state
   */
  public double rateCapacity(Slo slo, double percentileArrivalSeconds) {
    if (!(percentileArrivalSeconds >= 0)) {
      throw new IllegalArgumentException("Invalid percentileArrivalSeconds " + percentileArrivalSeconds
          + ": expected seconds >= 0 (or infinite)");
    }
    double tpotLimit = slo.hasTpot() ? tpotRateLimit(slo.tpotMs()) : Double.POSITIVE_INFINITY;
    return Math.min(tpotLimit, ttftRateLimit(slo, percentileArrivalSeconds));
  }

  private double ttftRateLimit(Slo slo, double arrival) {
    if (!slo.hasTtft()) {
      return Double.POSITIVE_INFINITY;
    }
    double slackMs = slo.ttftMs() - prefillMs;
    if (slackMs < 0) {
      return 0;
    }
    if (slots == 0) {
      return Double.POSITIVE_INFINITY;
    }
    if (arrival == 0) {
      return Double.POSITIVE_INFINITY; // the percentile is the very first arrival, which never waits
    }
    return saturationRate() * (1 + slackMs / 1000 / arrival);
  }

  /**
   * The TTFT at the {@code percentile}-th percentile (nearest rank) of a closed loop of {@code users} in its steady
   * cycle. Up to B users (or without slots), no one waits: P. With c = qB + r users (0 <= r < B), the rounds of S(B)
   * serve the users in a fixed cyclic order: number the requests j = 0, 1, ...; request j starts in round floor(j /
   * B) and was sent when its user's previous request (j - c) ended, at the end of round floor((j - c) / B). It waits
   * {@code floor(j / B) - floor((j - c) / B) - 1} rounds: q - 1 rounds when j mod B >= r, q rounds otherwise, i.e.
   * for a share r / B of the requests. The mean wait is therefore {@code (c / B - 1) S(B)}, as Little's law gives
   * whatever the alignment ({@code c = (B / S) (wait + S)}); the percentile is the longer wait when more than {@code
   * 100 - percentile}% of the requests have it. The very first round, where everybody arrives at once, waits between
   * 0 and q rounds and is not part of the cycle.
   */
  public double closedTtftMs(int users, double percentile) {
    return prefillMs + closedWaitRounds(users, percentile) * serviceMs(slots);
  }

  /** The TPOT of every request of a closed loop of {@code users}: ITL(min(c, B)). */
  public double closedTpotMs(int users) {
    checkUsers(users);
    return itlMs(slots > 0 ? Math.min(users, slots) : users);
  }

  /**
   * The most users a closed loop can have and meet {@code slo}: {@code min(c_T, c_X)}, where
   *
   * <ul>
   *   <li>c_T = {@code floor(b_T)} (the batch is min(c, B), and its ITL must meet the TPOT objective); unbounded when
   *       a full batch of B meets it, or without a TPOT objective;
   *   <li>c_X: the TTFT objective X allows {@code M = floor((X - P) / S(B))} rounds of waiting; by {@link
   *       #closedTtftMs}, the largest c is {@code (M + 1) B + r}, with r the largest remainder whose share r / B of
   *       longer waits stays within the percentile's tail: {@code r = min(B - 1, floor(B (1 - percentile / 100)))}.
   *       Unbounded without slots (no queue) or without a TTFT objective; 0 when X < P.
   * </ul>
   *
   * @return users, or {@link #UNBOUNDED_USERS}
   */
  public int concurrencyCapacity(Slo slo) {
    return (int) Math.min(tpotUsers(slo), ttftUsers(slo));
  }

  private long tpotUsers(Slo slo) {
    if (!slo.hasTpot()) {
      return UNBOUNDED_USERS;
    }
    double limit = tpotBatchLimit(slo.tpotMs());
    if (limit == Double.POSITIVE_INFINITY || (slots > 0 && limit + EPSILON >= slots)) {
      return UNBOUNDED_USERS;
    }
    return Math.max(0, (long) Math.floor(limit + EPSILON));
  }

  private long ttftUsers(Slo slo) {
    if (!slo.hasTtft()) {
      return UNBOUNDED_USERS;
    }
    double slackMs = slo.ttftMs() - prefillMs;
    if (slackMs < 0) {
      return 0;
    }
    if (slots == 0) {
      return UNBOUNDED_USERS;
    }
    long rounds = (long) Math.floor(slackMs / serviceMs(slots) + EPSILON);
    long remainder = Math.min(slots - 1, (long) Math.floor(slots * (1 - slo.percentile() / 100) + EPSILON));
    double users = (rounds + 1.0) * slots + remainder;
    return users >= UNBOUNDED_USERS ? UNBOUNDED_USERS : (long) users;
  }

  /** Rounds of S(B) the percentile's request of a closed loop waits (see {@link #closedTtftMs}). */
  private long closedWaitRounds(int users, double percentile) {
    checkUsers(users);
    if (!(percentile > 0 && percentile <= 100)) {
      throw new IllegalArgumentException("Invalid percentile " + percentile + ": expected a number in (0, 100]");
    }
    if (slots == 0 || users <= slots) {
      return 0;
    }
    long q = users / slots;
    long r = users % slots;
    boolean tailWaitsLonger = r > 0 && 1 - (double) r / slots < percentile / 100;
    return tailWaitsLonger ? q : q - 1;
  }

  private static void checkUsers(int users) {
    if (users < 1) {
      throw new IllegalArgumentException("Invalid users " + users + ": expected an integer >= 1");
    }
  }

  private static void checkRate(double rate) {
    if (!(rate >= 0 && Double.isFinite(rate))) {
      throw new IllegalArgumentException("Invalid rate " + rate + ": expected requests per second >= 0");
    }
  }
}
