package io.github.gatlingllm.mock;

import java.util.Map;

/**
 * Immutable settings of a {@link MockLlmServer}. Build one with {@link #builder()} (or start from {@link #defaults()}
 * with {@link #toBuilder()}), or read one from {@code mock.*} properties with {@link #fromProperties}. Every component
 * is described by the knob of the same name in {@code MockServerMain --help}; the constructor rejects out-of-range
 * values with a message naming the {@code mock.<name>} property, the value and what is accepted.
 *
 * <p>Latency model: TTFT = {@code ttftMs + ttftPerPromptTokenMs * promptTokens + ttftPerImageMs *
 * images} (images: the {@code image_url} parts of a chat request; promptTokens: the prompt's words plus the images'
 * Qwen2-VL tokens, as reported in {@code usage}); each inter-token gap = {@code itlMs +
 * itlPerActiveStreamMs * inFlight + uniform(-itlJitterMs, +itlJitterMs)} (never below 0), where {@code inFlight} counts
 * the generation requests the server holds at that moment, this one included.
 *
 * <p>Defaults are chosen so that a laptop run of 1,000 simultaneous requests of 128 tokens finishes in about a second
 * of simulated generation: TTFT 20 ms, ITL 5 ms, no load-dependent slowdown, no jitter, no faults.
 */
public record MockConfig(
    int port,
    String model,
    boolean strictModel,
    int maxModelLen,
    long seed,
    double ttftMs,
    double ttftPerPromptTokenMs,
    double ttftPerImageMs,
    double itlMs,
    double itlPerActiveStreamMs,
    double itlJitterMs,
    int defaultMaxTokens,
    int threads,
    boolean nativeTransport,
    FaultMode faultMode,
    int faultEvery,
    int faultOffset,
    int faultStatus,
    int faultAfterTokens,
    long faultStallMs,
    int truthSkipFirst,
    int reasoningTokens,
    boolean streamUsage,
    int kvCacheTokens) {

  public MockConfig {
    check(MockKnob.PORT, port, port >= 0 && port <= 65535);
    check(MockKnob.MODEL, model, model != null && !model.isBlank());
    check(MockKnob.MAX_MODEL_LEN, maxModelLen, maxModelLen >= 1);
    check(MockKnob.KV_CACHE_TOKENS, kvCacheTokens, kvCacheTokens >= 1);
    checkMillis(MockKnob.TTFT_MS, ttftMs);
    checkMillis(MockKnob.TTFT_PER_PROMPT_TOKEN_MS, ttftPerPromptTokenMs);
    checkMillis(MockKnob.TTFT_PER_IMAGE_MS, ttftPerImageMs);
    checkMillis(MockKnob.ITL_MS, itlMs);
    checkMillis(MockKnob.ITL_PER_ACTIVE_STREAM_MS, itlPerActiveStreamMs);
    checkMillis(MockKnob.ITL_JITTER_MS, itlJitterMs);
    check(MockKnob.DEFAULT_MAX_TOKENS, defaultMaxTokens, defaultMaxTokens >= 1);
    check(MockKnob.THREADS, threads, threads >= 1);
    check(MockKnob.FAULT_MODE, faultMode, faultMode != null);
    check(MockKnob.FAULT_EVERY, faultEvery, faultEvery >= 0);
    check(MockKnob.FAULT_OFFSET, faultOffset, faultOffset >= 0);
    check(MockKnob.FAULT_STATUS, faultStatus, faultStatus >= 400 && faultStatus <= 599);
    check(MockKnob.FAULT_AFTER_TOKENS, faultAfterTokens, faultAfterTokens >= 0);
    check(MockKnob.FAULT_STALL_MS, faultStallMs, faultStallMs >= 0);
    check(MockKnob.TRUTH_SKIP_FIRST, truthSkipFirst, truthSkipFirst >= 0);
    check(MockKnob.REASONING_TOKENS, reasoningTokens, reasoningTokens >= 0);
    // A mode without a period (or the reverse) would silently do nothing: say so instead.
    if ((faultMode == FaultMode.NONE) != (faultEvery == 0)) {
      throw new IllegalArgumentException(
          "Settings mock.faultMode ('"
              + faultMode.name().toLowerCase(java.util.Locale.ROOT)
              + "') and mock.faultEvery ("
              + faultEvery
              + ") disagree: set both (a mode other than none and a period >= 1) or neither");
    }
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

    private Builder() {}

    private Builder(MockConfig c) {
      port = c.port;
      model = c.model;
      strictModel = c.strictModel;
      maxModelLen = c.maxModelLen;
      seed = c.seed;
      ttftMs = c.ttftMs;
      ttftPerPromptTokenMs = c.ttftPerPromptTokenMs;
      ttftPerImageMs = c.ttftPerImageMs;
      itlMs = c.itlMs;
      itlPerActiveStreamMs = c.itlPerActiveStreamMs;
      itlJitterMs = c.itlJitterMs;
      defaultMaxTokens = c.defaultMaxTokens;
      threads = c.threads;
      nativeTransport = c.nativeTransport;
      faultMode = c.faultMode;
      faultEvery = c.faultEvery;
      faultOffset = c.faultOffset;
      faultStatus = c.faultStatus;
      faultAfterTokens = c.faultAfterTokens;
      faultStallMs = c.faultStallMs;
      truthSkipFirst = c.truthSkipFirst;
      reasoningTokens = c.reasoningTokens;
      streamUsage = c.streamUsage;
      kvCacheTokens = c.kvCacheTokens;
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

    /** Convenience: {@code faultMode(mode).faultEvery(every)}. */
    public Builder fault(FaultMode mode, int every) {
      return faultMode(mode).faultEvery(every);
    }

    /**
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public MockConfig build() {
      return new MockConfig(
          port,
          model,
          strictModel,
          maxModelLen,
          seed,
          ttftMs,
          ttftPerPromptTokenMs,
          ttftPerImageMs,
          itlMs,
          itlPerActiveStreamMs,
          itlJitterMs,
          defaultMaxTokens,
          threads,
          nativeTransport,
          faultMode,
          faultEvery,
          faultOffset,
          faultStatus,
          faultAfterTokens,
          faultStallMs,
          truthSkipFirst,
          reasoningTokens,
          streamUsage,
          kvCacheTokens);
    }
  }
}
