package io.github.gatlingllm.suite.settings;

import io.github.gatlingllm.api.Dialect;
import io.github.gatlingllm.api.Dialects;
import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.dataset.Tokenizers;
import io.github.gatlingllm.protocol.LlmProtocol;
import io.github.gatlingllm.servermetrics.ServerMetricsSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The knobs every ready simulation shares, named after vLLM's flags like the serving benchmark's own and with the same
 * meanings ({@link ServingSettings}).
 *
 * @param baseUrl the server; empty = start the embedded mock server
 * @param endpoint {@code /v1/completions} or {@code /v1/chat/completions}
 * @param model the model name; empty = the first model the server lists at {@code /v1/models}
 * @param seed seeds prompts (and arrivals)
 * @param ignoreEos send {@code ignore_eos} so that outputs reach {@code max_tokens}
 * @param percentiles percentiles reported for every metric
 * @param label free text stored in the result JSON, or empty
 * @param firstTokenTimeout longest wait from send to the first streamed event (0 = none)
 * @param idleTimeout longest gap between streamed events (0 = none)
 * @param totalTimeout longest request, send to end (0 = none)
 * @param logRequests write every prompt and generated text to {@code llm-requests.jsonl}
 * @param tokenizer the tokenizer spec ({@code llm.tokenizer}), or empty for the shipped Qwen3 one
 * @param backend the wire format ({@code llm.backend}): {@code openai} (completions), {@code openai-chat},
 *     {@code tgi} or {@code llm-on-ray-simple} (alias {@code simple}, stored as the full name); by default
 *     {@code openai-chat} when the endpoint is the chat one, else {@code openai}
 * @param path the request path ({@code llm.path}), or empty for the backend's own route (for LLM-on-Ray, a
 *     deployment whose route prefix is not the model name)
 * @param serverMetrics sampling of the server's {@code /metrics} ({@code llm.serverMetrics}: {@code auto}, the
 *     default, {@code on} or {@code off}; {@code llm.serverMetricsInterval}, default 1 s; {@code llm.extraMetricsUrls},
 *     further Prometheus endpoints such as a DCGM exporter, default none)
 */
public record CommonSettings(
    Optional<String> baseUrl,
    String endpoint,
    Optional<String> model,
    long seed,
    boolean ignoreEos,
    double[] percentiles,
    Optional<String> label,
    Duration firstTokenTimeout,
    Duration idleTimeout,
    Duration totalTimeout,
    boolean logRequests,
    Optional<String> tokenizer,
    String backend,
    Optional<String> path,
    ServerMetricsSettings serverMetrics) {

  private static final String CHAT_BACKEND = "openai-chat";

  /** The properties read here (each simulation adds its own). */
  public static final List<String> PROPERTIES =
      List.of(
          "llm.baseUrl",
          "llm.endpoint",
          "llm.model",
          "llm.seed",
          "llm.ignoreEos",
          "llm.metricPercentiles",
          "llm.label",
          "llm.firstTokenTimeout",
          "llm.idleTimeout",
          "llm.totalTimeout",
          "llm.logRequests",
          "llm.tokenizer",
          "llm.resultsDir",
          "llm.backend",
          "llm.path",
          "llm.serverMetrics",
          "llm.serverMetricsInterval",
          "llm.extraMetricsUrls");

  /** The tokenizer that counts prompts: {@code llm.tokenizer}, else the shipped Qwen3 one. */
  public TextTokenizer loadTokenizer() {
    return Tokenizers.load(tokenizer.orElse(null));
  }

  /** With the given defaults for the endpoint and {@code llm.ignoreEos}, which differ between workloads. */
  public static CommonSettings from(LlmProperties p, String defaultEndpoint, boolean defaultIgnoreEos) {
    String endpoint =
        p.choice("llm.endpoint", defaultEndpoint, List.of(ServingSettings.COMPLETIONS, ServingSettings.CHAT));
    String derivedBackend = endpoint.equals(ServingSettings.CHAT) ? CHAT_BACKEND : "openai";
    return new CommonSettings(
        p.optional("llm.baseUrl"),
        endpoint,
        p.optional("llm.model"),
        p.integer("llm.seed", 0, Integer.MIN_VALUE),
        p.bool("llm.ignoreEos", defaultIgnoreEos),
        p.percentiles("llm.metricPercentiles", 99),
        p.optional("llm.label"),
        p.duration("llm.firstTokenTimeout", LlmProtocol.DEFAULT_FIRST_TOKEN_TIMEOUT),
        p.duration("llm.idleTimeout", LlmProtocol.DEFAULT_IDLE_TIMEOUT),
        p.duration("llm.totalTimeout", LlmProtocol.DEFAULT_TOTAL_TIMEOUT),
        p.bool("llm.logRequests", false),
        p.optional("llm.tokenizer"),
        Dialects.canonical(p.choice("llm.backend", derivedBackend, Dialects.accepted())),
        p.optional("llm.path"),
        new ServerMetricsSettings(
            ServerMetricsSettings.Mode.parse(p.choice("llm.serverMetrics", "auto", List.of("auto", "on", "off"))),
            p.positiveDuration("llm.serverMetricsInterval", ServerMetricsSettings.DEFAULT_INTERVAL),
            p.urls("llm.extraMetricsUrls")));
  }

  /** {@link #PROPERTIES} and {@code more}. */
  public static List<String> with(String... more) {
    return java.util.stream.Stream.concat(PROPERTIES.stream(), java.util.Arrays.stream(more)).toList();
  }

  /** Whether requests are OpenAI chat completions (prompts then go out as chat messages). */
  public boolean chat() {
    return backend.equals(CHAT_BACKEND);
  }

  /** The wire format {@link #backend} names. */
  public Dialect dialect() {
    return Dialects.named(backend);
  }

  /** The request's name in the stats: {@code chat}, {@code completion}, or the backend's name for others. */
  public String requestName() {
    return switch (backend) {
      case CHAT_BACKEND -> "chat";
      case "openai" -> "completion";
      default -> backend;
    };
  }
}
