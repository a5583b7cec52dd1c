package io.github.gatlingllm.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The numbers of one run, meaning exactly what vLLM's {@code vllm bench serve} means by the same names (docs/metrics.md).
 * Immutable; built by {@link SummaryCalculator} (or by hand through {@link #builder(RunDescription, SummaryOptions)},
 * e.g. in tests). Latencies are in milliseconds, the duration in seconds.
 */
public final class BenchmarkSummary {
  private final RunDescription run;
  private final SummaryOptions options;
  private final long startNanos;
  private final long endNanos;
  private final double durationSeconds;
  private final long completed;
  private final long failed;
  private final long cancelled;
  private final long goodCompleted;
  private final long totalInputTokens;
  private final long totalOutputTokens;
  private final double requestThroughput;
  private final Double requestGoodput;
  private final double outputThroughput;
  private final double totalTokenThroughput;
  private final double maxOutputTokensPerSecond;
  private final int maxConcurrentRequests;
  private final boolean peaksExact;
  private final MetricStats ttft;
  private final MetricStats tpot;
  private final MetricStats itl;
  private final MetricStats e2el;
  private final MetricStats ttfo;
  private final MetricStats clientQueueTime;
  private final MetricStats e2elIncludingClientQueue;
  private final Map<TokenSource, Long> outputTokenSources;
  private final long totalReasoningTokens;
  private final Map<TokenSource, Long> reasoningTokenSources;
  private final PrefixCacheSummary prefixCache;
  private final SortedMap<String, Long> errorsByLabel;

  private BenchmarkSummary(Builder b) {
    this.run = b.run;
    this.options = b.options;
    this.startNanos = b.startNanos;
    this.endNanos = b.endNanos;
    this.durationSeconds = b.durationSeconds;
    this.completed = b.completed;
    this.failed = b.failed;
    this.cancelled = b.cancelled;
    this.goodCompleted = b.goodCompleted;
    this.totalInputTokens = b.totalInputTokens;
    this.totalOutputTokens = b.totalOutputTokens;
    this.requestThroughput = b.requestThroughput;
    this.requestGoodput = b.requestGoodput;
    this.outputThroughput = b.outputThroughput;
    this.totalTokenThroughput = b.totalTokenThroughput;
    this.maxOutputTokensPerSecond = b.maxOutputTokensPerSecond;
    this.maxConcurrentRequests = b.maxConcurrentRequests;
    this.peaksExact = b.peaksExact;
    MetricStats none = MetricStats.of(Distribution.empty(), b.options.percentiles());
    this.ttft = b.ttft == null ? none : b.ttft;
    this.tpot = b.tpot == null ? none : b.tpot;
    this.itl = b.itl == null ? none : b.itl;
    this.e2el = b.e2el == null ? none : b.e2el;
    this.ttfo = b.ttfo == null ? none : b.ttfo;
    this.clientQueueTime = b.clientQueueTime == null ? none : b.clientQueueTime;
    this.e2elIncludingClientQueue = b.e2elIncludingClientQueue == null ? none : b.e2elIncludingClientQueue;
    EnumMap<TokenSource, Long> sources = new EnumMap<>(TokenSource.class);
    for (TokenSource s : TokenSource.values()) {
      sources.put(s, b.outputTokenSources.getOrDefault(s, 0L));
    }
    this.outputTokenSources = Collections.unmodifiableMap(sources);
    this.totalReasoningTokens = b.totalReasoningTokens;
    EnumMap<TokenSource, Long> reasoningSources = new EnumMap<>(TokenSource.class);
    for (TokenSource s : TokenSource.values()) {
      reasoningSources.put(s, b.reasoningTokenSources.getOrDefault(s, 0L));
    }
    this.reasoningTokenSources = Collections.unmodifiableMap(reasoningSources);
    this.prefixCache = b.prefixCache == null ? PrefixCacheSummary.none(b.options.percentiles()) : b.prefixCache;
    this.errorsByLabel = Collections.unmodifiableSortedMap(new TreeMap<>(b.errorsByLabel));
  }

  public static Builder builder(RunDescription run, SummaryOptions options) {
    return new Builder(run, options);
  }

  public RunDescription run() {
    return run;
  }

  public SummaryOptions options() {
    return options;
  }

  /** {@link System#nanoTime()} of the first dispatch: the origin of the run (and of {@code start_times}). */
  public long startNanos() {
    return startNanos;
  }

  /** {@link System#nanoTime()} when the last request ended. */
  public long endNanos() {
    return endNanos;
  }

  /** From the first dispatch to the end of the last request, in seconds. */
  public double durationSeconds() {
    return durationSeconds;
  }

  /** Successful requests. */
  public long completed() {
    return completed;
  }

  /** Requests that failed (the client's own cancellations at the end of the run are not among them). */
  public long failed() {
    return failed;
  }

  /**
   * Requests still in flight when the run ended (Gatling stopped it, e.g. at {@code maxDuration}, or the JVM was
   * asked to stop): cut by the client, so neither completed nor failed. Not a vLLM figure.
   */
  /**
   * Failed requests among those the server answered or failed (completed + failed; cancelled ones are the client's
   * doing and count in neither): 0 when there were none. Not a vLLM key; what an SLO such as
   * {@code failed_ratio<0.01} needs.
   */
  public double failedRatio() {
    long judged = completed() + failed();
    return judged == 0 ? 0 : (double) failed() / judged;
  }

  public long cancelled() {
    return cancelled;
  }

  /** Successful requests that met every goodput objective (0 without objectives). */
  public long goodCompleted() {
    return goodCompleted;
  }

  public long totalInputTokens() {
    return totalInputTokens;
  }

  public long totalOutputTokens() {
    return totalOutputTokens;
  }

  public double requestThroughput() {
    return requestThroughput;
  }

  /** Good requests per second, or null when no goodput objective was given (vLLM saves null then). */
  public Double requestGoodput() {
    return requestGoodput;
  }

  public double outputThroughput() {
    return outputThroughput;
  }

  public double totalTokenThroughput() {
    return totalTokenThroughput;
  }

  /** Chunks in the fullest 1-second bucket (vLLM's {@code max_output_tokens_per_s}). */
  public double maxOutputTokensPerSecond() {
    return maxOutputTokensPerSecond;
  }

  /** Most successful requests in flight at once (vLLM's {@code max_concurrent_requests}). */
  public int maxConcurrentRequests() {
    return maxConcurrentRequests;
  }

  /**
   * Whether both peaks are exact: false only when a request stayed in flight so long that the pending events behind
   * the peaks overflowed their bound and were settled early (see {@code StreamingPeaks}).
   */
  public boolean peaksExact() {
    return peaksExact;
  }

  public MetricStats ttft() {
    return ttft;
  }

  /** Only requests with more than one output token. */
  public MetricStats tpot() {
    return tpot;
  }

  /** All chunk gaps of all successful requests, pooled. */
  public MetricStats itl() {
    return itl;
  }

  public MetricStats e2el() {
    return e2el;
  }

  /** Send to first visible (non-reasoning) content; requests without any are left out. Not a vLLM metric. */
  public MetricStats ttfo() {
    return ttfo;
  }

  /** Intended start to send: time waiting for the client-side concurrency cap. */
  public MetricStats clientQueueTime() {
    return clientQueueTime;
  }

  /** Intended start to last chunk: E2EL including the client-side queue (against coordinated omission). */
  public MetricStats e2elIncludingClientQueue() {
    return e2elIncludingClientQueue;
  }

  /** How many successful requests took their output token count from each source (every source present). */
  public Map<TokenSource, Long> outputTokenSources() {
    return outputTokenSources;
  }

  /** Reasoning tokens of the successful requests (part of {@link #totalOutputTokens()}). Not a vLLM figure. */
  public long totalReasoningTokens() {
    return totalReasoningTokens;
  }

  /** Output tokens that were not reasoning: {@link #totalOutputTokens()} - {@link #totalReasoningTokens()}. */
  public long totalAnswerTokens() {
    return totalOutputTokens - totalReasoningTokens;
  }

  /** Whether any successful request reasoned (a reasoning model): the console then shows TTFO and token split. */
  public boolean hasReasoning() {
    return totalReasoningTokens > 0;
  }

  /**
   * How many successful requests took their reasoning token count from each source (every source present; {@link
   * TokenSource#NONE} for requests without any reasoning seen or reported).
   */
  public Map<TokenSource, Long> reasoningTokenSources() {
    return reasoningTokenSources;
  }

  /** What the successful requests' {@code cached_tokens} say about the server's prefix cache. Not a vLLM figure. */
  public PrefixCacheSummary prefixCache() {
    return prefixCache;
  }

  /** Failed requests per error label (e.g. "HTTP 503"), sorted by label. */
  public SortedMap<String, Long> errorsByLabel() {
    return errorsByLabel;
  }

  /** Collects the values of a {@link BenchmarkSummary}. Unset metrics are empty (all zeros). */
  public static final class Builder {
    private final RunDescription run;
    private final SummaryOptions options;
    private long startNanos;
    private long endNanos;
    private double durationSeconds;
    private long completed;
    private long failed;
    private long cancelled;
    private long goodCompleted;
    private long totalInputTokens;
    private long totalOutputTokens;
    private double requestThroughput;
    private Double requestGoodput;
    private double outputThroughput;
    private double totalTokenThroughput;
    private double maxOutputTokensPerSecond;
    private int maxConcurrentRequests;
    private boolean peaksExact = true;
    private MetricStats ttft;
    private MetricStats tpot;
    private MetricStats itl;
    private MetricStats e2el;
    private MetricStats ttfo;
    private MetricStats clientQueueTime;
    private MetricStats e2elIncludingClientQueue;
    private Map<TokenSource, Long> outputTokenSources = Map.of();
    private long totalReasoningTokens;
    private Map<TokenSource, Long> reasoningTokenSources = Map.of();
    private PrefixCacheSummary prefixCache;
    private Map<String, Long> errorsByLabel = Map.of();

    private Builder(RunDescription run, SummaryOptions options) {
      this.run = Objects.requireNonNull(run, "run");
      this.options = Objects.requireNonNull(options, "options");
    }

    public Builder window(long startNanos, long endNanos) {
      this.startNanos = startNanos;
      this.endNanos = endNanos;
      return this;
    }

    public Builder durationSeconds(double v) {
      this.durationSeconds = v;
      return this;
    }

    public Builder completed(long v) {
      this.completed = v;
      return this;
    }

    public Builder failed(long v) {
      this.failed = v;
      return this;
    }

    public Builder cancelled(long v) {
      this.cancelled = v;
      return this;
    }

    public Builder goodCompleted(long v) {
      this.goodCompleted = v;
      return this;
    }

    public Builder totalInputTokens(long v) {
      this.totalInputTokens = v;
      return this;
    }

    public Builder totalOutputTokens(long v) {
      this.totalOutputTokens = v;
      return this;
    }

    public Builder requestThroughput(double v) {
      this.requestThroughput = v;
      return this;
    }

    public Builder requestGoodput(Double v) {
      this.requestGoodput = v;
      return this;
    }

    public Builder outputThroughput(double v) {
      this.outputThroughput = v;
      return this;
    }

    public Builder totalTokenThroughput(double v) {
      this.totalTokenThroughput = v;
      return this;
    }

    public Builder maxOutputTokensPerSecond(double v) {
      this.maxOutputTokensPerSecond = v;
      return this;
    }

    public Builder maxConcurrentRequests(int v) {
      this.maxConcurrentRequests = v;
      return this;
    }

    public Builder peaksExact(boolean v) {
      this.peaksExact = v;
      return this;
    }

    public Builder ttft(MetricStats v) {
      this.ttft = v;
      return this;
    }

    public Builder tpot(MetricStats v) {
      this.tpot = v;
      return this;
    }

    public Builder itl(MetricStats v) {
      this.itl = v;
      return this;
    }

    public Builder e2el(MetricStats v) {
      this.e2el = v;
      return this;
    }

    public Builder ttfo(MetricStats v) {
      this.ttfo = v;
      return this;
    }

    public Builder clientQueueTime(MetricStats v) {
      this.clientQueueTime = v;
      return this;
    }

    public Builder e2elIncludingClientQueue(MetricStats v) {
      this.e2elIncludingClientQueue = v;
      return this;
    }

    public Builder outputTokenSources(Map<TokenSource, Long> v) {
      this.outputTokenSources = Objects.requireNonNull(v);
      return this;
    }

    public Builder totalReasoningTokens(long v) {
      this.totalReasoningTokens = v;
      return this;
    }

    public Builder reasoningTokenSources(Map<TokenSource, Long> v) {
      this.reasoningTokenSources = Objects.requireNonNull(v);
      return this;
    }

    public Builder prefixCache(PrefixCacheSummary v) {
      this.prefixCache = Objects.requireNonNull(v);
      return this;
    }

    public Builder errorsByLabel(Map<String, Long> v) {
      this.errorsByLabel = Objects.requireNonNull(v);
      return this;
    }

    public BenchmarkSummary build() {
      return new BenchmarkSummary(this);
    }
  }
}
