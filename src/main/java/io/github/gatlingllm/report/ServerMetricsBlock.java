package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.PrefixCacheSummary;
import io.github.gatlingllm.servermetrics.ServerMetricsResult;
import io.github.gatlingllm.servermetrics.ServerSample;
import java.util.ArrayList;
import java.util.List;

/** The console block of the server's own view, printed after the LLM summary in the same layout. */
public final class ServerMetricsBlock {
  private ServerMetricsBlock() {}

  /** The block, or "" when no scrape was attempted. */
  public static String render(ServerMetricsResult r) {
    return render(r, null);
  }

  /**
   * As {@link #render(ServerMetricsResult)}, with the client-side prefix cache hit rate (from the answers'
   * {@code cached_tokens}) under the server's own when both are known, so the two can be compared: the server counts
   * every request it served (warm-ups, other clients), the client only its measured successful ones.
   */
  public static String render(ServerMetricsResult r, PrefixCacheSummary client) {
    if (!r.sampled()) {
      return "";
    }
    List<BlockLine> lines = new ArrayList<>();
    lines.add(BlockLine.title("Server metrics"));
    lines.add(BlockLine.value("Scrapes (failed):", r.scrapes() + " (" + r.failures() + ")"));
    meanMax(lines, r, ServerSample.RUNNING, "Running requests mean / max:", 1);
    meanMax(lines, r, ServerSample.WAITING, "Waiting requests mean / max:", 1);
    meanMax(lines, r, ServerSample.KV_CACHE_USAGE, "KV cache usage mean / max (%):", 100);
    if (Double.isFinite(r.prefixCacheHitRate())) {
      lines.add(BlockLine.value("Prefix cache hit rate (%):", r.prefixCacheHitRate() * 100));
      if (client != null && client.hitRate() != null) {
        lines.add(BlockLine.value(SummaryBlock.CLIENT_HIT_RATE_LABEL, client.hitRate() * 100));
      }
    }
    if (Double.isFinite(r.preemptions())) {
      lines.add(BlockLine.value("Preemptions:", (long) r.preemptions()));
    }
    meanMax(lines, r, ServerSample.GPU_MEMORY_USED, "GPU memory used mean / max (GiB):", 1.0 / (1L << 30));
    lines.add(BlockLine.rule());
    return ConsoleBlock.format(lines);
  }

  private static void meanMax(List<BlockLine> lines, ServerMetricsResult r, String series, String label, double scale) {
    ServerMetricsResult.Stats s = r.series().get(series);
    if (s != null) {
      lines.add(BlockLine.value(label,
          PythonFormat.fixed2(s.mean() * scale) + " / " + PythonFormat.fixed2(s.max() * scale)));
    }
  }
}
