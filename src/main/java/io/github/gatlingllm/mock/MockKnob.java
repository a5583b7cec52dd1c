package io.github.gatlingllm.mock;

/**
 * The settings of the mock server as they are named outside Java: system property {@code mock.<key>} or command-line
 * argument {@code --<key>=<value>}. Each knob states what it accepts, so that every rejection names the bad value and
 * the rule in the same words ({@link #invalid}).
 */
enum MockKnob {
  PORT("port", "an integer in [0, 65535] (0 = a free port)", "TCP port on 127.0.0.1"),
  MODEL("model", "a non-empty model name", "model id listed by /v1/models"),
  STRICT_MODEL(
      "strictModel", "true or false", "reject (404) requests naming another model; otherwise echo their model"),
  MAX_MODEL_LEN("maxModelLen", "an integer >= 1", "context length: prompt + max_tokens above it is a 400"),
  SEED("seed", "an integer", "seed of output lengths and ITL jitter (mixed with the request's index)"),
  TTFT_MS("ttftMs", "a number of milliseconds >= 0", "time to first token, fixed part"),
  TTFT_PER_PROMPT_TOKEN_MS(
      "ttftPerPromptTokenMs", "a number of milliseconds >= 0", "time to first token added per prompt token"),
  TTFT_PER_IMAGE_MS(
      "ttftPerImageMs", "a number of milliseconds >= 0", "time to first token added per chat image_url part (prefill)"),
  ITL_MS("itlMs", "a number of milliseconds >= 0", "inter-token latency, fixed part"),
  ITL_PER_ACTIVE_STREAM_MS(
      "itlPerActiveStreamMs",
      "a number of milliseconds >= 0",
      "inter-token latency added per request running on the server (itself included; queued ones do not count)"),
  ITL_JITTER_MS("itlJitterMs", "a number of milliseconds >= 0", "uniform +/- jitter added to every inter-token gap"),
  DEFAULT_MAX_TOKENS("defaultMaxTokens", "an integer >= 1", "max_tokens when a request gives none"),
  THREADS("threads", "an integer >= 1", "event loop threads"),
  NATIVE_TRANSPORT("nativeTransport", "true or false", "use epoll when available (precise timers), else NIO"),
  FAULT_MODE(
      "faultMode",
      "one of " + FaultMode.acceptedNames(),
      "fault given to every faultEvery-th request (needs faultEvery)"),
  FAULT_EVERY("faultEvery", "an integer >= 0 (0 = off)", "request n (from 1) is faulted when n > faultOffset and"
      + " (n - faultOffset) % faultEvery == 0"),
  FAULT_OFFSET("faultOffset", "an integer >= 0", "requests skipped before faultEvery starts counting"),
  FAULT_STATUS("faultStatus", "an HTTP status in [400, 599]", "status of http_error faults"),
  FAULT_AFTER_TOKENS("faultAfterTokens", "an integer >= 0", "token chunks delivered before a stream fault fires"),
  FAULT_STALL_MS("faultStallMs", "an integer number of milliseconds >= 0", "how long a stall fault holds the"
      + " connection before closing it"),
  TRUTH_SKIP_FIRST("truthSkipFirst", "an integer >= 0", "generation requests (by rank from the start) left out of"
      + " the truth at /mock/stats, e.g. a client's warm-ups"),
  REASONING_TOKENS("reasoningTokens", "an integer >= 0", "chat: the first K tokens of each stream are sent as"
      + " delta.reasoning_content, and usage reports completion_tokens_details.reasoning_tokens"),
  STREAM_USAGE("streamUsage", "true or false", "false: streamed answers never carry usage, as servers that ignore"
      + " stream_options.include_usage (clients must count the tokens themselves)"),
  KV_CACHE_TOKENS("kvCacheTokens", "an integer >= 1", "KV-cache capacity in tokens: GET /metrics reports the prompt and"
      + " generated tokens of the requests in flight over it as vllm:kv_cache_usage_perc"),
  BATCH_SLOTS("batchSlots", "an integer >= 0 (0 = unlimited)", "generation requests run at most B at once (the"
      + " batch); later ones wait in one FIFO queue, their TTFT counting the wait (vllm:num_requests_waiting)"),
  PREFIX_CACHE_BLOCKS("prefixCacheBlocks", "an integer >= 0 (0 = off)", "prefix cache size in blocks of"
      + " prefixBlockTokens prompt words (LRU, shared by all connections): a prompt's leading cached blocks cost no"
      + " ttftPerPromptTokenMs and are reported as usage.prompt_tokens_details.cached_tokens and"
      + " vllm:prefix_cache_hits"),
  PREFIX_BLOCK_TOKENS("prefixBlockTokens", "an integer >= 1", "prompt words per prefix-cache block (vLLM's block"
      + " size); a prompt's last partial block is never cached");

  /** Prefix of the system properties (and of the keys {@link MockConfig#fromProperties} reads). */
  static final String PREFIX = "mock.";

  final String key;
  final String expected;
  final String help;

  MockKnob(String key, String expected, String help) {
    this.key = key;
    this.expected = expected;
    this.help = help;
  }

  String property() {
    return PREFIX + key;
  }

  IllegalArgumentException invalid(Object value) {
    return new IllegalArgumentException(
        "Invalid value '" + value + "' for " + property() + ": expected " + expected);
  }

  static String formatMillis(double ms) {
    return ms == Math.rint(ms) && Math.abs(ms) < 1e15 ? Long.toString((long) ms) : Double.toString(ms);
  }

  static MockKnob byKey(String key) {
    for (MockKnob knob : values()) {
      if (knob.key.equals(key)) {
        return knob;
      }
    }
    StringBuilder keys = new StringBuilder();
    for (MockKnob knob : values()) {
      keys.append(keys.length() == 0 ? "" : ", ").append(knob.key);
    }
    throw new IllegalArgumentException("Unknown setting '" + PREFIX + key + "': accepted settings are " + keys);
  }
}
