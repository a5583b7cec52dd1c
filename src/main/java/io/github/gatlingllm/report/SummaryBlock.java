package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.MetricStats;
import io.github.gatlingllm.metrics.PercentileValue;
import io.github.gatlingllm.metrics.PrefixCacheSummary;
import io.github.gatlingllm.metrics.SummaryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lines of the summary block: vLLM's "Serving Benchmark Result" block, in vLLM's order and wording (run with
 * {@code --percentile-metrics ttft,tpot,itl,e2el}), then our own short block only when it has something to say.
 */
final class SummaryBlock {
  static final String VLLM_TITLE = "Serving Benchmark Result";
  static final String EXTRAS_TITLE = "Additional Details";
  /** The client-side prefix cache rate's label, also under the server's own rate in the server metrics block. */
  static final String CLIENT_HIT_RATE_LABEL = "Prefix cache hit rate, client (%):";

  private SummaryBlock() {}

  /** vLLM's block, from its '=' title line to its closing '=' line. */
  static List<BlockLine> vllm(BenchmarkSummary s) {
    List<BlockLine> lines = new ArrayList<>();
    lines.add(BlockLine.title(VLLM_TITLE));
    lines.add(BlockLine.value("Successful requests:", s.completed()));
    lines.add(BlockLine.value("Failed requests:", s.failed()));
    if (s.run().maxConcurrency() != null) {
      lines.add(BlockLine.value("Maximum request concurrency:", s.run().maxConcurrency()));
    }
    if (s.run().finiteRate()) {
      lines.add(BlockLine.value("Request rate configured (RPS):", s.run().requestRate()));
    }
    lines.add(BlockLine.value("Benchmark duration (s):", s.durationSeconds()));
    lines.add(BlockLine.value("Total input tokens:", s.totalInputTokens()));
    lines.add(BlockLine.value("Total generated tokens:", s.totalOutputTokens()));
    lines.add(BlockLine.value("Request throughput (req/s):", s.requestThroughput()));
    if (s.requestGoodput() != null) {
      lines.add(BlockLine.value("Request goodput (req/s):", s.requestGoodput().doubleValue()));
    }
    lines.add(BlockLine.value("Output token throughput (tok/s):", s.outputThroughput()));
    lines.add(BlockLine.value("Peak output token throughput (tok/s):", s.maxOutputTokensPerSecond()));
    // vLLM formats this integer with {:<10.2f}: "12.00".
    lines.add(BlockLine.value("Peak concurrent requests:", (double) s.maxConcurrentRequests()));
    lines.add(BlockLine.value("Total token throughput (tok/s):", s.totalTokenThroughput()));
    // vLLM prints the sections of the selected --percentile-metrics only, in this order.
    SummaryOptions options = s.options();
    if (options.reports("ttft")) {
      metric(lines, "Time to First Token", "TTFT", s.ttft());
    }
    if (options.reports("tpot")) {
      metric(lines, "Time per Output Token (excl. 1st token)", "TPOT", s.tpot());
    }
    if (options.reports("itl")) {
      metric(lines, "Inter-token Latency", "ITL", s.itl());
    }
    if (options.reports("e2el")) {
      metric(lines, "End-to-end Latency", "E2EL", s.e2el());
    }
    lines.add(BlockLine.rule());
    return lines;
  }

  /** The metrics whose percentiles come from a histogram, e.g. "ITL", or "" when every one is exact. */
  private static String approximateMetrics(BenchmarkSummary s) {
    List<String> names = new ArrayList<>();
    if (!s.ttft().exact()) {
      names.add("TTFT");
    }
    if (!s.tpot().exact()) {
      names.add("TPOT");
    }
    if (!s.itl().exact()) {
      names.add("ITL");
    }
    if (!s.e2el().exact()) {
      names.add("E2EL");
    }
    return String.join(", ", names);
  }

  /**
   * Our block after vLLM's, empty unless relevant: client queueing when a concurrency cap is set (and the
   * queue-inclusive E2EL when the rate is also finite, as vLLM does), TTFO and the reasoning / answer token split
   * when the run had reasoning, the prefix cache when any answer reported its cached tokens, failures by error label
   * when any failed, requests cancelled by the end of the run, and which metrics' percentiles came from a histogram
   * (more samples than the exact store keeps).
   */
  static List<BlockLine> extras(BenchmarkSummary s) {
    boolean capped = s.run().maxConcurrency() != null;
    boolean reasoning = s.hasReasoning();
    PrefixCacheSummary cache = s.prefixCache();
    String approximate = approximateMetrics(s);
    if (!capped && !reasoning && !cache.reported() && s.failed() == 0 && s.cancelled() == 0 && approximate.isEmpty()) {
      return List.of();
    }
    List<BlockLine> lines = new ArrayList<>();
    lines.add(BlockLine.title(EXTRAS_TITLE));
    if (capped) {
      // vLLM's own names for these two metrics (its --percentile-metrics client_queue_time,...).
      metric(lines, "Client-side Queueing", "Client Queue Time", s.clientQueueTime());
      if (s.run().finiteRate()) {
        metric(lines, "Queue-inclusive End-to-end Latency", "E2EL incl. Client Queue", s.e2elIncludingClientQueue());
      }
    }
    if (reasoning) {
      metric(lines, "Time to First Output Token", "TTFO", s.ttfo());
      lines.add(BlockLine.section("Reasoning and Answer Tokens"));
      lines.add(BlockLine.value("Total reasoning tokens:", s.totalReasoningTokens()));
      lines.add(BlockLine.value("Total answer tokens:", s.totalAnswerTokens()));
    }
    if (cache.reported()) {
      prefixCache(lines, cache);
    }
    if (s.failed() > 0) {
      lines.add(BlockLine.section("Failed Requests by Error"));
      for (Map.Entry<String, Long> e : s.errorsByLabel().entrySet()) {
        lines.add(BlockLine.value(e.getKey() + ":", e.getValue()));
      }
    }
    if (s.cancelled() > 0) {
      // Cut by the client when the run ended (maxDuration, Ctrl-C): neither successful nor failed.
      lines.add(BlockLine.section("Cut by the End of the Run"));
      lines.add(BlockLine.value("Cancelled requests:", s.cancelled()));
    }
    if (!approximate.isEmpty()) {
      lines.add(BlockLine.section("Percentiles within 0.1% (histogram)"));
      lines.add(BlockLine.value("Metrics:", approximate));
    }
    lines.add(BlockLine.rule());
    return lines;
  }

  /** Both blocks. */
  static List<BlockLine> all(BenchmarkSummary s) {
    List<BlockLine> lines = new ArrayList<>(vllm(s));
    lines.addAll(extras(s));
    return lines;
  }

  /**
   * What the answers' {@code cached_tokens} say: the hit rate over the requests that reported it, and TTFT of hits
   * against misses (mean and the highest configured percentile), the latency a warm prefix saves.
   */
  private static void prefixCache(List<BlockLine> lines, PrefixCacheSummary cache) {
    lines.add(BlockLine.section("Prefix cache (client side)"));
    lines.add(BlockLine.value("Requests reporting cached tokens:", cache.reportedRequests()));
    lines.add(BlockLine.value("Hit / miss requests:", cache.hitRequests() + " / " + cache.missRequests()));
    lines.add(BlockLine.value("Total cached tokens:", cache.cachedTokens()));
    if (cache.hitRate() != null) {
      lines.add(BlockLine.value(CLIENT_HIT_RATE_LABEL, cache.hitRate() * 100));
    }
    lines.add(BlockLine.value("Mean TTFT hit / miss (ms):",
        PythonFormat.fixed2(cache.hitTtft().meanMs()) + " / " + PythonFormat.fixed2(cache.missTtft().meanMs())));
    List<PercentileValue> hit = cache.hitTtft().percentiles();
    if (!hit.isEmpty()) {
      int tail = hit.size() - 1;
      lines.add(BlockLine.value("P" + PythonFormat.percentileWord(hit.get(tail).percentile()) + " TTFT hit / miss (ms):",
          PythonFormat.fixed2(hit.get(tail).valueMs()) + " / "
              + PythonFormat.fixed2(cache.missTtft().percentiles().get(tail).valueMs())));
    }
  }

  private static void metric(List<BlockLine> lines, String header, String name, MetricStats m) {
    lines.add(BlockLine.section(header));
    lines.add(BlockLine.value("Mean " + name + " (ms):", m.meanMs()));
    lines.add(BlockLine.value("Median " + name + " (ms):", m.medianMs()));
    for (PercentileValue p : m.percentiles()) {
      lines.add(BlockLine.value("P" + PythonFormat.percentileWord(p.percentile()) + " " + name + " (ms):", p.valueMs()));
    }
  }
}
