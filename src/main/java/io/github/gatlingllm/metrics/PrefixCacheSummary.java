package io.github.gatlingllm.metrics;

import java.util.List;

/**
 * The client-side view of the server's prefix cache over a run's successful requests (docs/metrics.md, "Prefix
 * cache"). Not a vLLM figure.
 *
 * @param reportedRequests successful requests whose answer said how many prompt tokens came from the cache
 * @param cachedTokens the sum of those counts
 * @param hitRate {@code cachedTokens} over the prompt tokens of the same requests; null when none reported (or their
 *     prompt tokens are 0)
 * @param hitTtft TTFT of the requests with {@code cached_tokens > 0}; its count is the number of hits
 * @param missTtft TTFT of the requests with {@code cached_tokens = 0}; its count is the number of misses
 */
public record PrefixCacheSummary(
    long reportedRequests, long cachedTokens, Double hitRate, MetricStats hitTtft, MetricStats missTtft) {

  /** Nothing reported (also what a summary built by hand holds). */
  public static PrefixCacheSummary none(List<Double> percentiles) {
    MetricStats empty = MetricStats.of(Distribution.empty(), percentiles);
    return new PrefixCacheSummary(0, 0, null, empty, empty);
  }

  /** Whether any request reported its cached tokens: the console and HTML show the block only then. */
  public boolean reported() {
    return reportedRequests > 0;
  }

  public long hitRequests() {
    return hitTtft.count();
  }

  public long missRequests() {
    return missTtft.count();
  }
}
