package io.github.gatlingllm.servermetrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code server_metrics} object of {@code llm-summary.json}. A figure the server does not export is {@code null}
 * (JSON has no NaN).
 */
public final class ServerMetricsJson {
  public static final String KEY = "server_metrics";

  private ServerMetricsJson() {}

  public static Map<String, Object> of(ServerMetricsResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", r.url());
    m.put("scrapes", r.scrapes());
    m.put("scrape_failures", r.failures());
    Map<String, Object> series = new LinkedHashMap<>();
    r.series().forEach((name, s) -> {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("samples", s.samples());
      one.put("mean", number(s.mean()));
      one.put("max", number(s.max()));
      series.put(name, one);
    });
    m.put("series", series);
    m.put("prefix_cache_hit_rate", number(r.prefixCacheHitRate()));
    m.put("preemptions", number(r.preemptions()));
    return m;
  }

  private static Double number(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
