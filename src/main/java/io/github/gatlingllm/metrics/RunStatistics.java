package io.github.gatlingllm.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics of a run, kept as requests finish, in memory that does not grow with the number of requests beyond
 * the exact stores' bounds: counts and totals, the run's span, one {@link MetricSamples} per latency metric and the
 * two peaks ({@link StreamingPeaks}). {@link #summary} turns them into vLLM's figures, as {@code calculate_metrics}
 * does (docs/metrics.md, "Per run"):
 *
 * <ul>
 *   <li>Distributions and totals use successful requests only; failed ones are counted, and counted per error label.
 *       Requests cancelled by the end of the run (Gatling stopped it with the request in flight) are neither: they
 *       are counted apart, because the client, not the server, cut them.
 *   <li>The duration runs from the earliest intended start (first dispatch) to the latest end among all requests,
 *       failed and cancelled ones included: vLLM times the whole batch, from before the first send until every task
 *       returned.
 *   <li>TPOT only exists for requests with more than one output token; for goodput such a request counts TPOT 0.
 * </ul>
 *
 * <p>Single writer: one thread calls {@link #add} and {@link #advance}; {@link #summary} is read on that thread or
 * once adding is over. Records are not kept: each is read once, when added.
 */
public final class RunStatistics {
  private static final double NANOS_PER_MS = 1e6;

  private final SummaryOptions options;
  private long completed;
  private long failed;
  private long cancelled;
  private long good;
  private final Map<String, Long> errors = new TreeMap<>();
  private long inputTokens;
  private long outputTokens;
  private long reasoningTokens;
  private final Map<TokenSource, Long> sources = new EnumMap<>(TokenSource.class);
  private final Map<TokenSource, Long> reasoningSources = new EnumMap<>(TokenSource.class);
  private long firstIntended = Long.MAX_VALUE;
  private long lastActivity = Long.MIN_VALUE;
  private final MetricSamples ttft;
  private final MetricSamples tpot;
  private final MetricSamples itl;
  private final MetricSamples e2el;
  private final MetricSamples ttfo;
  private final MetricSamples queue;
  private final MetricSamples queueE2el;
  private final StreamingPeaks peaks = new StreamingPeaks();
  private final PrefixCacheStats prefixCache;

  /** Statistics that keep up to {@link MetricSamples#DEFAULT_EXACT_LIMIT} raw values per metric. */
  public RunStatistics(SummaryOptions options) {
    this(options, MetricSamples.DEFAULT_EXACT_LIMIT);
  }

  /** @param exactLimit raw values kept per metric before its percentiles come from a histogram (0: never exact) */
  public RunStatistics(SummaryOptions options, int exactLimit) {
    this(options, exactLimit, SampleBudget.unlimited());
  }

  /** @param budget the room for raw values shared with the run's other statistics (e.g. per scenario) */
  public RunStatistics(SummaryOptions options, int exactLimit, SampleBudget budget) {
    this.options = options;
    this.ttft = new MetricSamples(exactLimit, budget);
    this.tpot = new MetricSamples(exactLimit, budget);
    this.itl = new MetricSamples(exactLimit, budget);
    this.e2el = new MetricSamples(exactLimit, budget);
    this.ttfo = new MetricSamples(exactLimit, budget);
    this.queue = new MetricSamples(exactLimit, budget);
    this.queueE2el = new MetricSamples(exactLimit, budget);
    this.prefixCache = new PrefixCacheStats(exactLimit, budget);
  }

  /** Adds one finished request (read now, not kept). */
  public void add(RequestRecord r) {
    long intended = r.intendedNanos();
    if (intended != RequestRecord.NONE) {
      firstIntended = Math.min(firstIntended, intended);
    }
    long last = r.lastActivityNanos();
    if (last != RequestRecord.NONE) {
      lastActivity = Math.max(lastActivity, last);
    }
    if (!r.success()) {
      if (r.error() == ErrorCategory.CANCELLED) {
        cancelled++;
      } else {
        failed++;
        errors.merge(r.errorLabel(), 1L, Long::sum);
      }
      return;
    }
    completed++;
    int out = TokenCounts.outputTokens(r);
    inputTokens += TokenCounts.inputTokens(r);
    outputTokens += out;
    sources.merge(TokenCounts.outputTokenSource(r), 1L, Long::sum);
    reasoningTokens += TokenCounts.reasoningTokens(r);
    reasoningSources.merge(TokenCounts.reasoningTokenSource(r), 1L, Long::sum);
    double ttftMs = r.ttftNanos() / NANOS_PER_MS;
    double e2elMs = r.e2elNanos() / NANOS_PER_MS;
    ttft.add(ttftMs);
    prefixCache.add(r, ttftMs);
    e2el.add(e2elMs);
    queue.add(r.queueNanos() / NANOS_PER_MS);
    queueE2el.add(r.queueInclusiveE2elNanos() / NANOS_PER_MS);
    // vLLM: tpot = (latency - ttft) / (output_len - 1) when output_len > 1, else 0 for goodput only.
    double requestTpot = 0;
    if (out > 1) {
      requestTpot = (r.lastChunkNanos() - r.firstChunkNanos()) / NANOS_PER_MS / (out - 1);
      tpot.add(requestTpot);
    }
    if (r.ttfoNanos() != RequestRecord.NONE) {
      ttfo.add(r.ttfoNanos() / NANOS_PER_MS);
    }
    for (int j = 0; j < r.itlCount(); j++) {
      itl.add(r.itlNanos(j) / NANOS_PER_MS);
    }
    GoodputSlo slo = options.goodput();
    if (slo != null && slo.isGood(ttftMs, requestTpot, e2elMs)) {
      good++;
    }
    peaks.add(r);
  }

  /**
   * Settles the peaks up to {@code watermark}: no request added later was sent before it ({@link StreamingPeaks}).
   * Keeps memory bounded during a run; {@link #summary} settles everything.
   */
  public void advance(long watermark) {
    peaks.advance(watermark);
  }

  /** Requests added so far (successful, failed and cancelled). */
  public long requests() {
    return completed + failed + cancelled;
  }

  public long completed() {
    return completed;
  }

  public long failed() {
    return failed;
  }

  public long cancelled() {
    return cancelled;
  }

  public long outputTokens() {
    return outputTokens;
  }

  /** TTFT of the successful requests so far (for a live view; the summary has the same). */
  public MetricSamples ttftSamples() {
    return ttft;
  }

  /** The run's span: from the first intended start to the latest end of any request. */
  public RunSpan span() {
    return RunSpan.between(firstIntended, lastActivity);
  }

  /**
   * The summary of every request added, for the given run description. Call once adding is over: it settles the
   * peaks for good.
   */
  public BenchmarkSummary summary(RunDescription run) {
    return summary(run, options);
  }

  /**
   * As {@link #summary(RunDescription)}, reporting the percentiles and metrics of {@code opts} (e.g. with the tail a
   * table needs added); the goodput objectives counted as requests were added stay those given at construction.
   */
  public BenchmarkSummary summary(RunDescription run, SummaryOptions opts) {
    peaks.advance(Long.MAX_VALUE);
    RunSpan span = span();
    double duration = span.seconds();
    GoodputSlo slo = options.goodput();
    java.util.List<Double> ps = opts.percentiles();
    return BenchmarkSummary.builder(run, opts)
        .window(span.startNanos(), span.endNanos())
        .durationSeconds(duration)
        .completed(completed)
        .failed(failed)
        .cancelled(cancelled)
        .goodCompleted(good)
        .totalInputTokens(inputTokens)
        .totalOutputTokens(outputTokens)
        .requestThroughput(perSecond(completed, duration))
        .requestGoodput(slo == null ? null : perSecond(good, duration))
        .outputThroughput(perSecond(outputTokens, duration))
        .totalTokenThroughput(perSecond(inputTokens + outputTokens, duration))
        .maxOutputTokensPerSecond(peaks.peakChunksPerSecond())
        .maxConcurrentRequests(peaks.peakConcurrency())
        .peaksExact(peaks.exact())
        .ttft(MetricStats.of(ttft.distribution(), ps))
        .tpot(MetricStats.of(tpot.distribution(), ps))
        .itl(MetricStats.of(itl.distribution(), ps))
        .e2el(MetricStats.of(e2el.distribution(), ps))
        .ttfo(MetricStats.of(ttfo.distribution(), ps))
        .clientQueueTime(MetricStats.of(queue.distribution(), ps))
        .e2elIncludingClientQueue(MetricStats.of(queueE2el.distribution(), ps))
        .outputTokenSources(sources)
        .totalReasoningTokens(reasoningTokens)
        .reasoningTokenSources(reasoningSources)
        .prefixCache(prefixCache.summary(ps))
        .errorsByLabel(errors)
        .build();
  }

  /** The distributions behind the summary's latency charts, by metric key (ttft, tpot, itl, e2el). */
  public Distribution distribution(String metric) {
    return switch (metric) {
      case "ttft" -> ttft.distribution();
      case "tpot" -> tpot.distribution();
      case "itl" -> itl.distribution();
      case "e2el" -> e2el.distribution();
      default -> throw new IllegalArgumentException("Unknown metric '" + metric + "': expected ttft, tpot, itl or e2el");
    };
  }

  /** A rate over the run; 0 for a zero-length run rather than a division by zero. */
  private static double perSecond(double count, double durationSeconds) {
    return durationSeconds > 0 ? count / durationSeconds : 0;
  }
}
