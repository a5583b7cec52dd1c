package io.github.gatlingllm.protocol;

import io.github.gatlingllm.client.HttpTarget;
import io.gatling.core.protocol.Protocol;
import io.github.gatlingllm.servermetrics.ServerMetricsSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Immutable settings of the LLM protocol, built by {@code LlmDsl.llm}. {@link #toString()} never shows the API key.
 *
 * @param baseUrl the server's base URL as given (no credentials expected in it)
 * @param target the parsed base URL
 * @param model the default model name sent in requests (a request may override it), or null
 * @param apiKey the bearer token, or null for none
 * @param headers extra headers sent with every request
 * @param connectTimeout TCP connect (and TLS handshake) limit
 * @param firstTokenTimeout send to first streamed event; zero disables
 * @param idleTimeout longest gap between streamed events; zero disables
 * @param totalTimeout send to end of the response; zero disables
 * @param trustAllCertificates accept self-signed server certificates (Gatling's own default)
 * @param maxConcurrency cap on requests in flight across all virtual users, 0 for none
 * @param itlStats how ITL reaches Gatling's stats
 * @param report how the end-of-run summary is described and computed
 * @param clientWarmUp warm the client on a loopback streamer before the load starts (see {@code ClientWarmUp})
 * @param serverMetrics whether and how often the server's {@code /metrics} is sampled during the run
 */
public record LlmProtocol(
    String baseUrl,
    HttpTarget target,
    String model,
    String apiKey,
    List<Map.Entry<String, String>> headers,
    Duration connectTimeout,
    Duration firstTokenTimeout,
    Duration idleTimeout,
    Duration totalTimeout,
    boolean trustAllCertificates,
    int maxConcurrency,
    ItlStats itlStats,
    ReportSettings report,
    boolean clientWarmUp,
    ServerMetricsSettings serverMetrics)
    implements Protocol {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Long on purpose: with thousands of requests queued on the server, a first token can take minutes. */
  public static final Duration DEFAULT_FIRST_TOKEN_TIMEOUT = Duration.ofMinutes(10);
  /** Real servers do not pause a minute between tokens of one stream; a stall that long is a failure. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofHours(1);

  public LlmProtocol {
    headers = List.copyOf(headers);
    serverMetrics = serverMetrics == null ? ServerMetricsSettings.OFF : serverMetrics;
    // A clause on a key the summary will not have fails now, before an hour of load, not at the end.
    EndOfRunReport.validateChecks(report, maxConcurrency);
  }

  @Override
  public String toString() {
    return "LlmProtocol[baseUrl="
        + baseUrl
        + ", model="
        + model
        + ", apiKey="
        + (apiKey == null ? "none" : "***")
        + ", headers="
        + headers.stream().map(Map.Entry::getKey).toList()
        + ", maxConcurrency="
        + maxConcurrency
        + "]";
  }
}
