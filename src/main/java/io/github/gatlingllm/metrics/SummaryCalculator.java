package io.github.gatlingllm.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the finished requests of a run into its {@link BenchmarkSummary}, as vLLM's {@code calculate_metrics} does
 * (metrics.md, "Per run").
 *
 * <ul>
 *   <li>Distributions and totals use successful requests only; failed ones are counted, and counted per error label.
 *   <li>The duration runs from the earliest intended start (first dispatch) to the latest end among all requests,
 *       failed ones included: vLLM times the whole batch, from before the first send until every task returned.
 *   <li>TPOT only exists for requests with more than one output token; for goodput such a request counts TPOT 0.
 * </ul>
 */
public final class SummaryCalculator {
  private static final double NANOS_PER_MS = 1e6;

  private SummaryCalculator() {}

  public static BenchmarkSummary compute(List<RequestRecord> records, RunDescription run, SummaryOptions opts) {
    List<RequestRecord> ok = new ArrayList<>();
    Map<String, Integer> errors = new TreeMap<>();
    for (RequestRecord r : records) {
      if (r.success()) {
        ok.add(r);
      } else {
        errors.merge(r.errorLabel(), 1, Integer::sum);
      }
    }
    int n = ok.size();

    RunSpan span = RunSpan.of(records);
    long start = span.startNanos();
    long end = span.endNanos();
    double duration = span.seconds();

    double[] ttft = new double[n];
    double[] e2el = new double[n];
    double[] queue = new double[n];
    double[] queueE2el = new double[n];
    double[] tpot = new double[n];
    int tpotCount = 0;
    double[] ttfo = new double[n];
    int ttfoCount = 0;
    int itlCount = 0;
    long inputTokens = 0;
    long outputTokens = 0;
    int good = 0;
    GoodputSlo slo = opts.goodput();
    Map<TokenSource, Integer> sources = new EnumMap<>(TokenSource.class);
    long reasoningTokens = 0;
    Map<TokenSource, Integer> reasoningSources = new EnumMap<>(TokenSource.class);
    for (int i = 0; i < n; i++) {
      RequestRecord r = ok.get(i);
      int out = TokenCounts.outputTokens(r);
      inputTokens += TokenCounts.inputTokens(r);
      outputTokens += out;
      sources.merge(TokenCounts.outputTokenSource(r), 1, Integer::sum);
      reasoningTokens += TokenCounts.reasoningTokens(r);
      reasoningSources.merge(TokenCounts.reasoningTokenSource(r), 1, Integer::sum);
      ttft[i] = r.ttftNanos() / NANOS_PER_MS;
      e2el[i] = r.e2elNanos() / NANOS_PER_MS;
      queue[i] = r.queueNanos() / NANOS_PER_MS;
      queueE2el[i] = r.queueInclusiveE2elNanos() / NANOS_PER_MS;
      // vLLM: tpot = (latency - ttft) / (output_len - 1) when output_len > 1, else 0 for goodput only.
      double requestTpot = 0;
      if (out > 1) {
        requestTpot = (r.lastChunkNanos() - r.firstChunkNanos()) / NANOS_PER_MS / (out - 1);
        tpot[tpotCount++] = requestTpot;
      }
      if (r.ttfoNanos() != RequestRecord.NONE) {
        ttfo[ttfoCount++] = r.ttfoNanos() / NANOS_PER_MS;
      }
      itlCount += r.itlCount();
      if (slo != null && slo.isGood(ttft[i], requestTpot, e2el[i])) {
        good++;
      }
    }
    double[] itl = new double[itlCount];
    int k = 0;
    for (RequestRecord r : ok) {
      for (int j = 0; j < r.itlCount(); j++) {
        itl[k++] = r.itlNanos(j) / NANOS_PER_MS;
      }
    }

    List<Double> ps = opts.percentiles();
    return BenchmarkSummary.builder(run, opts)
        .window(start, end)
        .durationSeconds(duration)
        .completed(n)
        .failed(records.size() - n)
        .goodCompleted(good)
        .totalInputTokens(inputTokens)
        .totalOutputTokens(outputTokens)
        .requestThroughput(perSecond(n, duration))
        .requestGoodput(slo == null ? null : perSecond(good, duration))
        .outputThroughput(perSecond(outputTokens, duration))
        .totalTokenThroughput(perSecond(inputTokens + outputTokens, duration))
        .maxOutputTokensPerSecond(PeakOutputRate.compute(ok))
        .maxConcurrentRequests(PeakConcurrency.compute(ok))
        .ttft(MetricStats.of(Distribution.ofMillisOwned(ttft), ps))
        .tpot(MetricStats.of(Distribution.ofMillisOwned(Arrays.copyOf(tpot, tpotCount)), ps))
        .itl(MetricStats.of(Distribution.ofMillisOwned(itl), ps))
        .e2el(MetricStats.of(Distribution.ofMillisOwned(e2el), ps))
        .ttfo(MetricStats.of(Distribution.ofMillisOwned(Arrays.copyOf(ttfo, ttfoCount)), ps))
        .clientQueueTime(MetricStats.of(Distribution.ofMillisOwned(queue), ps))
        .e2elIncludingClientQueue(MetricStats.of(Distribution.ofMillisOwned(queueE2el), ps))
        .outputTokenSources(sources)
        .totalReasoningTokens(reasoningTokens)
        .reasoningTokenSources(reasoningSources)
        .errorsByLabel(errors)
        .build();
  }

  /** A rate over the run; 0 for a zero-length run rather than a division by zero. */
  private static double perSecond(double count, double durationSeconds) {
    return durationSeconds > 0 ? count / durationSeconds : 0;
  }
}
