package io.github.gatlingllm.metrics;

import java.util.List;

/**
 * The prefix cache as the client saw it, kept as requests finish: what the successful requests that reported
 * {@code cached_tokens} say about the server's prefix cache, and their TTFT split into hits ({@code cached_tokens > 0})
 * and misses ({@code = 0}). Requests that did not report it take no part: unknown is not a miss. The TTFT values go
 * to {@link MetricSamples} on the run's {@link SampleBudget}, so memory stays bounded as for the other metrics.
 *
 * <p>Single writer, as {@link RunStatistics}, which feeds it.
 */
final class PrefixCacheStats {
  private long reported;
  private long cachedTokens;
  private long promptTokens;
  private final MetricSamples hitTtft;
  private final MetricSamples missTtft;

  PrefixCacheStats(int exactLimit, SampleBudget budget) {
    this.hitTtft = new MetricSamples(exactLimit, budget);
    this.missTtft = new MetricSamples(exactLimit, budget);
  }

  /** One successful request and its TTFT in ms. */
  void add(RequestRecord r, double ttftMs) {
    int cached = r.cachedTokens();
    if (cached < 0) {
      return;
    }
    reported++;
    cachedTokens += cached;
    promptTokens += TokenCounts.inputTokens(r);
    (cached > 0 ? hitTtft : missTtft).add(ttftMs);
  }

  PrefixCacheSummary summary(List<Double> percentiles) {
    // A server reporting cached tokens without prompt tokens leaves no ratio to take.
    Double hitRate = promptTokens > 0 ? (double) cachedTokens / promptTokens : null;
    return new PrefixCacheSummary(reported, cachedTokens, hitRate,
        MetricStats.of(hitTtft.distribution(), percentiles), MetricStats.of(missTtft.distribution(), percentiles));
  }
}
