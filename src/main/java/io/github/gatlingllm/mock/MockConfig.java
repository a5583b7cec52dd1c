package io.github.gatlingllm.mock;

import java.util.Map;

/**
 * Immutable settings of a {@link MockLlmServer}. Build one with {@link #builder()} (or start from {@link #defaults()}
 * with {@link #toBuilder()}), or read one from {@code mock.*} properties with {@link #fromProperties}. The settings come
 * in groups a reader looks for together (how it listens, the model it plays, its latency, its answers, its faults);
 * every setting is described by its knob in {@code MockServerMain --help} ({@link MockKnob}), and each group's
 * constructor rejects out-of-range values with a message naming the {@code mock.<name>} property, the value and what is
 * accepted. The builder keeps one flat setter per knob, so that callers name what they set and never its position.
 *
 * <p>Latency model: TTFT = {@code ttftMs + ttftPerPromptTokenMs * (promptTokens - cachedTokens) + ttftPerImageMs *
 * images} (images: the {@code image_url} parts of a chat request; promptTokens: the prompt's words plus the images'
 * Qwen2-VL tokens, as reported in {@code usage}; cachedTokens: the prompt's leading words found in the prefix cache,
 * {@link PrefixCache}); each inter-token gap = {@code itlMs +
 * itlPerActiveStreamMs * inFlight + uniform(-itlJitterMs, +itlJitterMs)} (never below 0), where {@code inFlight} counts
 * the generation requests running at that moment, this one included. With {@code batchSlots} B > 0, at most B run
 * (the batch) and the others wait in a FIFO queue: they slow no one down, and their TTFT counts the wait.
 *
 * <p>Defaults are chosen so that a laptop run of 1,000 simultaneous requests of 128 tokens finishes in about a second
 * of simulated generation: TTFT 20 ms, ITL 5 ms, no load-dependent slowdown, no jitter, no faults.
 *
 * @param server how it listens
 * @param served the model it plays and its capacity
 * @param latency the latency model above
 * @param answers what the answers hold
 * @param faults which requests fail and how
 * @param prefixCache the automatic prefix cache ({@link PrefixBlockCache})
 * @param truthSkipFirst generation requests numbered 1..n (in order of acceptance) left out of {@link
 *     MockLlmServer#truth()}: a client's warm-ups, which the server cannot tell apart otherwise
 */
public record MockConfig(
    Server server,
    ServedModel served,
    Latency latency,
    Answers answers,
    Faults faults,
    PrefixCache prefixCache,
    int truthSkipFirst) {

  /**
   * How the server listens.
   *
   * @param port TCP port on 127.0.0.1; 0 picks a free one ({@code mock.port})
   * @param threads event loop threads ({@code mock.threads})
   * @param nativeTransport use epoll when available ({@code mock.nativeTransport})
   */
  public record Server(int port, int threads, boolean nativeTransport) {
    public Server {
      check(MockKnob.PORT, port, port >= 0 && port <= 65535);
      check(MockKnob.THREADS, threads, threads >= 1);
    }
  }

  /**
   * The model the server plays and its capacity.
   *
   * @param model the id listed by {@code /v1/models} ({@code mock.model})
   * @param strictModel a request naming another model gets vLLM's 404 ({@code mock.strictModel})
   * @param maxModelLen context length: prompt + max_tokens above it is a 400 ({@code mock.maxModelLen})
   * @param kvCacheTokens the KV-cache capacity {@code /metrics} reports usage against ({@code mock.kvCacheTokens})
   * @param batchSlots generation requests that run at once, 0 = unlimited; the others wait in one FIFO queue
   *     ({@code mock.batchSlots}, see {@link MockCapacity})
   */
  public record ServedModel(String model, boolean strictModel, int maxModelLen, int kvCacheTokens, int batchSlots) {
    public ServedModel {
      check(MockKnob.BATCH_SLOTS, batchSlots, batchSlots >= 0);
      check(MockKnob.MODEL, model, model != null && !model.isBlank());
      check(MockKnob.MAX_MODEL_LEN, maxModelLen, maxModelLen >= 1);
      check(MockKnob.KV_CACHE_TOKENS, kvCacheTokens, kvCacheTokens >= 1);
    }
  }

  /**
   * The latency model of the class comment, in milliseconds ({@code mock.<component>}).
   */
  public record Latency(
      double ttftMs,
      double ttftPerPromptTokenMs,
      double ttftPerImageMs,
      double itlMs,
      double itlPerActiveStreamMs,
      double itlJitterMs) {
    public Latency {
      checkMillis(MockKnob.TTFT_MS, ttftMs);
      checkMillis(MockKnob.TTFT_PER_PROMPT_TOKEN_MS, ttftPerPromptTokenMs);
      checkMillis(MockKnob.TTFT_PER_IMAGE_MS, ttftPerImageMs);
      checkMillis(MockKnob.ITL_MS, itlMs);
      checkMillis(MockKnob.ITL_PER_ACTIVE_STREAM_MS, itlPerActiveStreamMs);
      checkMillis(MockKnob.ITL_JITTER_MS, itlJitterMs);
    }
  }

  /**
   * What the answers hold.
   *
   * @param seed seed of output-length draws and ITL jitter ({@code mock.seed})
   * @param defaultMaxTokens max_tokens of a request that gives none ({@code mock.defaultMaxTokens})
   * @param reasoningTokens chat streams send their first K tokens as reasoning ({@code mock.reasoningTokens})
   * @param streamUsage a streamed answer ends with usage when asked ({@code mock.streamUsage})
   */
  public record Answers(long seed, int defaultMaxTokens, int reasoningTokens, boolean streamUsage) {
    public Answers {
      check(MockKnob.DEFAULT_MAX_TOKENS, defaultMaxTokens, defaultMaxTokens >= 1);
      check(MockKnob.REASONING_TOKENS, reasoningTokens, reasoningTokens >= 0);
    }
  }

  /**
   * Which requests fail and how ({@link FaultSelector}).
   *
   * @param mode the fault given ({@code mock.faultMode})
   * @param every its period, 0 = off ({@code mock.faultEvery})
   * @param offset requests left alone before the period starts ({@code mock.faultOffset})
   * @param status HTTP status of {@link FaultMode#HTTP_ERROR} ({@code mock.faultStatus})
   * @param afterTokens token chunks delivered before a stream fault fires ({@code mock.faultAfterTokens})
   * @param stallMs how long {@link FaultMode#STALL} holds the connection ({@code mock.faultStallMs})
   */
  public record Faults(FaultMode mode, int every, int offset, int status, int afterTokens, long stallMs) {
    public Faults {
      check(MockKnob.FAULT_MODE, mode, mode != null);
      check(MockKnob.FAULT_EVERY, every, every >= 0);
      check(MockKnob.FAULT_OFFSET, offset, offset >= 0);
      check(MockKnob.FAULT_STATUS, status, status >= 400 && status <= 599);
      check(MockKnob.FAULT_AFTER_TOKENS, afterTokens, afterTokens >= 0);
      check(MockKnob.FAULT_STALL_MS, stallMs, stallMs >= 0);
      // A mode without a period (or the reverse) would silently do nothing: say so instead.
      if ((mode == FaultMode.NONE) != (every == 0)) {
        throw new IllegalArgumentException(
            "Settings " + MockKnob.FAULT_MODE.property() + " ('" + mode.name().toLowerCase(java.util.Locale.ROOT)
                + "') and " + MockKnob.FAULT_EVERY.property() + " (" + every
                + ") disagree: set both (a mode other than none and a period >= 1) or neither");
      }
    }

    /** The fault a request of the period gets. */
    Fault periodic() {
      return new Fault(mode, status, afterTokens, stallMs);
    }
  }

  /**
   * The automatic prefix cache, on the mock's tokens (words): a prompt's full blocks of {@code blockTokens} words are
   * kept, least recently used out; a request's leading cached blocks cost no {@code ttftPerPromptTokenMs} and are
   * reported as {@code usage.prompt_tokens_details.cached_tokens}.
   *
   * @param blocks blocks kept, 0 = no cache, and no {@code prompt_tokens_details} in usage ({@code
   *     mock.prefixCacheBlocks})
   * @param blockTokens words per block, vLLM's block size ({@code mock.prefixBlockTokens})
   */
  public record PrefixCache(int blocks, int blockTokens) {
    public PrefixCache {
      check(MockKnob.PREFIX_CACHE_BLOCKS, blocks, blocks >= 0);
      check(MockKnob.PREFIX_BLOCK_TOKENS, blockTokens, blockTokens >= 1);
    }
  }

  public MockConfig {
    java.util.Objects.requireNonNull(server, "server");
    java.util.Objects.requireNonNull(served, "served");
    java.util.Objects.requireNonNull(latency, "latency");
    java.util.Objects.requireNonNull(answers, "answers");
    java.util.Objects.requireNonNull(faults, "faults");
    java.util.Objects.requireNonNull(prefixCache, "prefixCache");
    check(MockKnob.TRUTH_SKIP_FIRST, truthSkipFirst, truthSkipFirst >= 0);
  }

  /** Default settings: free port, model "mock-llm", TTFT 20 ms, ITL 5 ms, no faults (see the class comment). */
  public static MockConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Reads the {@code mock.*} entries of {@code properties} over the defaults (other keys are ignored, so system
   * properties can be passed as they are).
   *
   * @throws IllegalArgumentException for an unknown {@code mock.*} key or a bad value, naming it and what is accepted
   */
  public static MockConfig fromProperties(Map<String, String> properties) {
    return MockConfigParser.parse(properties);
  }

  private static void check(MockKnob knob, Object value, boolean valid) {
    if (!valid) {
      throw knob.invalid(value);
    }
  }

  private static void checkMillis(MockKnob knob, double value) {
    // Shown as typed: "-5", not "-5.0".
    check(knob, MockKnob.formatMillis(value), value >= 0 && Double.isFinite(value));
  }

  /** Mutable collector of settings; {@link #build()} validates them. */
  public static final class Builder {
    private int port = 0;
    private String model = "mock-llm";
    private boolean strictModel = false;
    private int maxModelLen = 8192;
    private long seed = 0;
    private double ttftMs = 20;
    private double ttftPerPromptTokenMs = 0;
    private double ttftPerImageMs = 20;
    private double itlMs = 5;
    private double itlPerActiveStreamMs = 0;
    private double itlJitterMs = 0;
    private int defaultMaxTokens = 256;
    private int threads = Runtime.getRuntime().availableProcessors();
    private boolean nativeTransport = true;
    private FaultMode faultMode = FaultMode.NONE;
    private int faultEvery = 0;
    private int faultOffset = 0;
    private int faultStatus = 500;
    private int faultAfterTokens = 3;
    private long faultStallMs = 10_000;
    private int truthSkipFirst = 0;
    private int reasoningTokens = 0;
    private boolean streamUsage = true;
    private int kvCacheTokens = 100_000;
    private int batchSlots = 0;
    private int prefixCacheBlocks = 100_000;
    private int prefixBlockTokens = 16;

    private Builder() {}

    private Builder(MockConfig c) {
      port = c.server.port();
      threads = c.server.threads();
      nativeTransport = c.server.nativeTransport();
      model = c.served.model();
      strictModel = c.served.strictModel();
      maxModelLen = c.served.maxModelLen();
      kvCacheTokens = c.served.kvCacheTokens();
      batchSlots = c.served.batchSlots();
      ttftMs = c.latency.ttftMs();
      ttftPerPromptTokenMs = c.latency.ttftPerPromptTokenMs();
      ttftPerImageMs = c.latency.ttftPerImageMs();
      itlMs = c.latency.itlMs();
      itlPerActiveStreamMs = c.latency.itlPerActiveStreamMs();
      itlJitterMs = c.latency.itlJitterMs();
      seed = c.answers.seed();
      defaultMaxTokens = c.answers.defaultMaxTokens();
      reasoningTokens = c.answers.reasoningTokens();
      streamUsage = c.answers.streamUsage();
      faultMode = c.faults.mode();
      faultEvery = c.faults.every();
      faultOffset = c.faults.offset();
      faultStatus = c.faults.status();
      faultAfterTokens = c.faults.afterTokens();
      faultStallMs = c.faults.stallMs();
      prefixCacheBlocks = c.prefixCache.blocks();
      prefixBlockTokens = c.prefixCache.blockTokens();
      truthSkipFirst = c.truthSkipFirst;
    }

    /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Model id served by /v1/models (default "mock-llm"). */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** When true, a request naming another model gets vLLM's 404; when false (default), its model is echoed. */
    public Builder strictModel(boolean strictModel) {
      this.strictModel = strictModel;
      return this;
    }

    /** Context length (default 8192): prompt tokens + max_tokens above it is rejected with 400, as vLLM does. */
    public Builder maxModelLen(int maxModelLen) {
      this.maxModelLen = maxModelLen;
      return this;
    }

    /** Seed of output-length draws and ITL jitter (default 0). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Fixed part of the time to first token (default 20 ms). */
    public Builder ttftMs(double ttftMs) {
      this.ttftMs = ttftMs;
      return this;
    }

    /** Time to first token added per prompt token (default 0). */
    public Builder ttftPerPromptTokenMs(double ttftPerPromptTokenMs) {
      this.ttftPerPromptTokenMs = ttftPerPromptTokenMs;
      return this;
    }

    /** Time to first token added per {@code image_url} part of a chat request (default 20 ms: image prefill). */
    public Builder ttftPerImageMs(double ttftPerImageMs) {
      this.ttftPerImageMs = ttftPerImageMs;
      return this;
    }

    /** Fixed part of the inter-token latency (default 5 ms). */
    public Builder itlMs(double itlMs) {
      this.itlMs = itlMs;
      return this;
    }

    /** Inter-token latency added per generation request in flight, itself included (default 0). */
    public Builder itlPerActiveStreamMs(double itlPerActiveStreamMs) {
      this.itlPerActiveStreamMs = itlPerActiveStreamMs;
      return this;
    }

    /** Half-width of the uniform jitter added to every inter-token gap (default 0). */
    public Builder itlJitterMs(double itlJitterMs) {
      this.itlJitterMs = itlJitterMs;
      return this;
    }

    /** max_tokens of requests that give none (default 256, capped by what the context leaves). */
    public Builder defaultMaxTokens(int defaultMaxTokens) {
      this.defaultMaxTokens = defaultMaxTokens;
      return this;
    }

    /** Event loop threads (default: available processors). */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /** Use epoll when available (default true): its timers are sub-millisecond, NIO's are not. */
    public Builder nativeTransport(boolean nativeTransport) {
      this.nativeTransport = nativeTransport;
      return this;
    }

    /** Fault given to every {@link #faultEvery}-th request (default none). */
    public Builder faultMode(FaultMode faultMode) {
      this.faultMode = faultMode;
      return this;
    }

    /** Period of faulted requests: request n (from 1) fails when n > offset and (n - offset) % every == 0. */
    public Builder faultEvery(int faultEvery) {
      this.faultEvery = faultEvery;
      return this;
    }

    /** Requests left alone before the {@link #faultEvery} period starts (default 0). */
    public Builder faultOffset(int faultOffset) {
      this.faultOffset = faultOffset;
      return this;
    }

    /** HTTP status of {@link FaultMode#HTTP_ERROR} faults (default 500). */
    public Builder faultStatus(int faultStatus) {
      this.faultStatus = faultStatus;
      return this;
    }

    /** Token chunks delivered before a stream fault fires (default 3). */
    public Builder faultAfterTokens(int faultAfterTokens) {
      this.faultAfterTokens = faultAfterTokens;
      return this;
    }

    /** How long a {@link FaultMode#STALL} holds the silent connection open before closing it (default 10 s). */
    public Builder faultStallMs(long faultStallMs) {
      this.faultStallMs = faultStallMs;
      return this;
    }

    /**
     * Generation requests numbered 1..n (in order of acceptance since the start) that stay out of {@link
     * MockLlmServer#truth()} (default 0): a client's warm-ups, which the server cannot tell apart otherwise.
     */
    public Builder truthSkipFirst(int truthSkipFirst) {
      this.truthSkipFirst = truthSkipFirst;
      return this;
    }

    /**
     * Chat streams act as a reasoning model (default 0: off): their first K tokens come as {@code
     * delta.reasoning_content}, then the answer as {@code delta.content}, and usage adds {@code
     * completion_tokens_details.reasoning_tokens}.
     */
    public Builder reasoningTokens(int reasoningTokens) {
      this.reasoningTokens = reasoningTokens;
      return this;
    }

    /**
     * Default true: a streamed answer ends with a usage chunk when the request asks for it ({@code
     * stream_options.include_usage}). False: never, as servers that ignore the option, so the client counts alone.
     */
    public Builder streamUsage(boolean streamUsage) {
      this.streamUsage = streamUsage;
      return this;
    }

    /**
     * KV-cache capacity in tokens (default 100,000): {@code GET /metrics} reports the in-flight requests' prompt and
     * generated tokens over it as {@code vllm:kv_cache_usage_perc}, capped at 1.
     */
    public Builder kvCacheTokens(int kvCacheTokens) {
      this.kvCacheTokens = kvCacheTokens;
      return this;
    }

    /**
     * Generation requests that run at once (default 0: unlimited). With B > 0, later requests wait in one FIFO queue
     * until a running one ends; the wait counts in their TTFT, and only running requests slow the ITL down. Gives
     * the mock a capacity known in closed form ({@link MockCapacity}).
     */
    public Builder batchSlots(int batchSlots) {
      this.batchSlots = batchSlots;
      return this;
    }

    /**
     * Prompt blocks the prefix cache keeps (default 100,000, least recently used out; 0 turns the cache off). A
     * request whose prompt starts with cached blocks skips their {@code ttftPerPromptTokenMs} and reports them as
     * {@code usage.prompt_tokens_details.cached_tokens} (always present while the cache is on, absent when off).
     */
    public Builder prefixCacheBlocks(int prefixCacheBlocks) {
      this.prefixCacheBlocks = prefixCacheBlocks;
      return this;
    }

    /** Prompt words per prefix-cache block (default 16, vLLM's block size): only full blocks are cached. */
    public Builder prefixBlockTokens(int prefixBlockTokens) {
      this.prefixBlockTokens = prefixBlockTokens;
      return this;
    }

    /** Convenience: {@code faultMode(mode).faultEvery(every)}. */
    public Builder fault(FaultMode mode, int every) {
      return faultMode(mode).faultEvery(every);
    }

    /**
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public MockConfig build() {
      return new MockConfig(
          new Server(port, threads, nativeTransport),
          new ServedModel(model, strictModel, maxModelLen, kvCacheTokens, batchSlots),
          new Latency(ttftMs, ttftPerPromptTokenMs, ttftPerImageMs, itlMs, itlPerActiveStreamMs, itlJitterMs),
          new Answers(seed, defaultMaxTokens, reasoningTokens, streamUsage),
          new Faults(faultMode, faultEvery, faultOffset, faultStatus, faultAfterTokens, faultStallMs),
          new PrefixCache(prefixCacheBlocks, prefixBlockTokens),
          truthSkipFirst);
    }
  }
}
