package io.github.gatlingllm.protocol;

import io.gatling.core.protocol.Protocol;
import io.github.gatlingllm.client.HttpTarget;
import io.github.gatlingllm.client.SafeUrl;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Immutable settings of the LLM protocol, built by {@code LlmDsl.llm}, in four groups by who reads them: per request
 * ({@link #server}, {@link #connection}, {@link #requests}: each request reads its own protocol's) and per run
 * ({@link #run}: one value per run, see {@link RunLevelSettings}). {@link #toString()} never shows the API key.
 *
 * @param server where requests go and their credentials
 * @param connection the client's timeouts and TLS trust
 * @param requests the model, headers, concurrency cap and ITL mode of each request
 * @param run the settings the run has once: summary, files, checks, warm-up, server metrics
 */
public record LlmProtocol(
    ServerTarget server, ConnectionSettings connection, RequestSettings requests, RunLevelSettings run)
    implements Protocol {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Long on purpose: with thousands of requests queued on the server, a first token can take minutes. */
  public static final Duration DEFAULT_FIRST_TOKEN_TIMEOUT = Duration.ofMinutes(10);
  /** Real servers do not pause a minute between tokens of one stream; a stall that long is a failure. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofHours(1);

  public LlmProtocol {
    // A clause on a key the summary will not have fails now, before an hour of load, not at the end.
    EndOfRunReport.validateChecks(run.report(), requests.maxConcurrency());
  }

  // The settings a request reads, by their names before the grouping (the request path reads them for every request).

  public HttpTarget target() {
    return server.target();
  }

  public String apiKey() {
    return server.apiKey();
  }

  public String model() {
    return requests.model();
  }

  public List<Map.Entry<String, String>> headers() {
    return requests.headers();
  }

  public ItlStats itlStats() {
    return requests.itlStats();
  }

  public ReportSettings report() {
    return run.report();
  }

  @Override
  public String toString() {
    return "LlmProtocol[baseUrl="
        + SafeUrl.mask(server.baseUrl())
        + ", model="
        + requests.model()
        + ", apiKey="
        + (server.apiKey() == null ? "none" : "***")
        + ", headers="
        + requests.headers().stream().map(Map.Entry::getKey).toList()
        + ", maxConcurrency="
        + requests.maxConcurrency()
        + "]";
  }
}
