package io.github.gatlingllm.mock;

import java.util.Locale;

/**
 * {@code GET /metrics}: the mock's state in the Prometheus text format under vLLM's names, so that the plugin's
 * server-metrics sampler has something real to read in tests and demos. Running is the batch (a request's TTFT stands
 * for the prefill a real server does while it counts the request as running); waiting is the queue for a batch slot
 * ({@code batchSlots}), always 0 without it. Prefix-cache queries are the prompt tokens of the requests started, hits
 * the tokens of theirs the prefix cache served ({@link PrefixBlockCache}; 0 when it is off).
 */
final class MockMetrics {
  static final String PATH = "/metrics";
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private MockMetrics() {}

  static String render(ServerState state) {
    String labels = "{model_name=\"" + escape(state.config.served().model()) + "\",engine=\"0\"}";
    StringBuilder sb = new StringBuilder(1024);
    gauge(sb, "vllm:num_requests_running", "Number of requests in model execution batches.", labels,
        state.inFlight());
    gauge(sb, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", labels,
        state.waiting());
    gauge(sb, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", labels,
        state.kvCache.usage(state.config.served().kvCacheTokens()));
    counter(sb, "vllm:prefix_cache_queries", "Prefix cache queries, in terms of number of queried tokens.", labels,
        state.kvCache.promptTokensReceived());
    counter(sb, "vllm:prefix_cache_hits", "Prefix cache hits, in terms of number of cached tokens.", labels,
        state.prefixCache.hitTokens());
    counter(sb, "vllm:num_preemptions", "Cumulative number of preemption from the engine.", labels, 0);
    return sb.toString();
  }

  private static void gauge(StringBuilder sb, String name, String help, String labels, double value) {
    family(sb, name, help, "gauge").append(name).append(labels).append(' ').append(number(value)).append('\n');
  }

  /** Counters carry the {@code _total} suffix on their samples, as Prometheus clients write them. */
  private static void counter(StringBuilder sb, String name, String help, String labels, double value) {
    family(sb, name, help, "counter")
        .append(name).append("_total").append(labels).append(' ').append(number(value)).append('\n');
  }

  private static StringBuilder family(StringBuilder sb, String name, String help, String type) {
    return sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%s", value);
  }

  /** Label values escape backslash, double quote and line feed. */
  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
