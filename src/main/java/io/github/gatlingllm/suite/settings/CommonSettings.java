package io.github.gatlingllm.suite.settings;

import io.github.gatlingllm.api.Dialect;
import io.github.gatlingllm.api.Dialects;
import io.github.gatlingllm.client.PemFiles;
import io.github.gatlingllm.client.ResponseLimits;
import io.github.gatlingllm.client.TlsSettings;
import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.dataset.Tokenizers;
import io.github.gatlingllm.health.RunHealth;
import io.github.gatlingllm.protocol.Injector;
import io.github.gatlingllm.protocol.LlmProtocol;
import io.github.gatlingllm.protocol.GatlingEnterprise;
import io.github.gatlingllm.protocol.ResultsDirectory;
import io.github.gatlingllm.servermetrics.ServerMetricsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The knobs every ready simulation shares, named after vLLM's flags like the serving benchmark's own and with the same
 * meanings ({@link ServingSettings}), grouped by what a reader looks for: the server and what is asked of it, the
 * timeouts, and what the run reports.
 *
 * @param target the server, the model, the endpoint and the wire format
 * @param seed seeds prompts (and arrivals) ({@code llm.seed})
 * @param ignoreEos send {@code ignore_eos} so that outputs reach {@code max_tokens} ({@code llm.ignoreEos})
 * @param timeouts the request timeouts
 * @param limits the body cap per request ({@code llm.maxResponseMiB}, 0 = none) and whether an unanswered POST is sent
 *     again on a fresh connection ({@code llm.retryUnansweredPosts})
 * @param preconnect keep-alive connections opened to the server before the load ({@code llm.preconnect}, default 0)
 * @param tokenizer the tokenizer spec ({@code llm.tokenizer}), or empty for the shipped Qwen3 one
 * @param outputs what the run reports besides the summary's own figures
 * @param injector this JVM's place in a fleet acting as one run ({@code llm.injectorIndex}, {@code
 *     llm.injectorCount}, {@code llm.runId}); alone by default. Each simulation takes its share of the load from it
 * @param startAt when the load starts ({@code llm.startAt}), the same instant on every injector of a fleet; empty:
 *     as soon as the run is ready
 */
public record CommonSettings(
    Target target,
    long seed,
    boolean ignoreEos,
    Timeouts timeouts,
    ResponseLimits limits,
    int preconnect,
    Optional<String> tokenizer,
    Outputs outputs,
    Injector injector,
    Optional<Instant> startAt) {

  public static final String BASE_URL = "llm.baseUrl";
  public static final String ENDPOINT = "llm.endpoint";
  public static final String MODEL = "llm.model";
  public static final String SEED = "llm.seed";
  public static final String IGNORE_EOS = "llm.ignoreEos";
  public static final String METRIC_PERCENTILES = "llm.metricPercentiles";
  public static final String LABEL = "llm.label";
  public static final String FIRST_TOKEN_TIMEOUT = "llm.firstTokenTimeout";
  public static final String IDLE_TIMEOUT = "llm.idleTimeout";
  public static final String TOTAL_TIMEOUT = "llm.totalTimeout";
  public static final String MAX_RESPONSE_MIB = "llm.maxResponseMiB";
  public static final String RETRY_UNANSWERED_POSTS = "llm.retryUnansweredPosts";
  public static final String LOG_REQUESTS = "llm.logRequests";
  public static final String TOKENIZER = "llm.tokenizer";
  public static final String BACKEND = "llm.backend";
  public static final String PATH = "llm.path";
  public static final String SERVER_METRICS = "llm.serverMetrics";
  public static final String SERVER_METRICS_INTERVAL = "llm.serverMetricsInterval";
  public static final String EXTRA_METRICS_URLS = "llm.extraMetricsUrls";
  public static final String INSECURE = "llm.insecure";
  public static final String CA_CERT = "llm.caCert";
  public static final String CLIENT_CERT = "llm.clientCert";
  public static final String CLIENT_KEY = "llm.clientKey";
  public static final String INJECTOR_INDEX = "llm.injectorIndex";
  public static final String INJECTOR_COUNT = "llm.injectorCount";
  public static final String RUN_ID = "llm.runId";
  public static final String START_AT = "llm.startAt";
  public static final String HEALTH_LAG_THRESHOLD_MS = "llm.healthLagThresholdMs";
  public static final String PRECONNECT = "llm.preconnect";
  static final String START_AT_FORM = "an instant such as 2026-01-31T12:00:00Z, or milliseconds since 1970";

  private static final String CHAT_BACKEND = "openai-chat";

  /**
   * The server and what is asked of it.
   *
   * @param baseUrl the server ({@code llm.baseUrl}); empty = start the embedded mock server
   * @param endpoint {@code /v1/completions} or {@code /v1/chat/completions} ({@code llm.endpoint})
   * @param model the model name ({@code llm.model}); empty = the first model the server lists at {@code /v1/models}
   * @param backend the wire format ({@code llm.backend}): {@code openai} (completions), {@code openai-chat},
   *     {@code tgi} or {@code llm-on-ray-simple} (alias {@code simple}, stored as the full name); by default
   *     {@code openai-chat} when the endpoint is the chat one, else {@code openai}
   * @param path the request path ({@code llm.path}), or empty for the backend's own route (for LLM-on-Ray, a
   *     deployment whose route prefix is not the model name)
   * @param tls how the server's certificate is checked, for the load and the side requests: verified unless
   *     {@code llm.insecure=true}; {@code llm.caCert} adds a private CA, {@code llm.clientCert} and
   *     {@code llm.clientKey} do mutual TLS
   */
  public record Target(
      Optional<String> baseUrl,
      String endpoint,
      Optional<String> model,
      String backend,
      Optional<String> path,
      TlsSettings tls) {}

  /**
   * How long a request may take; 0 = no limit.
   *
   * @param firstToken send to the first streamed event ({@code llm.firstTokenTimeout})
   * @param idle the longest gap between streamed events ({@code llm.idleTimeout})
   * @param total send to end ({@code llm.totalTimeout})
   */
  public record Timeouts(Duration firstToken, Duration idle, Duration total) {}

  /**
   * What the run reports besides the summary's own figures.
   *
   * @param percentiles percentiles reported for every metric ({@code llm.metricPercentiles})
   * @param label free text stored in the result JSON, or empty ({@code llm.label})
   * @param logRequests write every prompt and generated text to {@code llm-requests.jsonl} ({@code llm.logRequests})
   * @param serverMetrics sampling of the server's {@code /metrics} ({@code llm.serverMetrics}: {@code auto}, the
   *     default, {@code on} or {@code off}; {@code llm.serverMetricsInterval}, default 1 s;
   *     {@code llm.extraMetricsUrls}, further Prometheus endpoints such as a DCGM exporter, default none)
   * @param healthLagThreshold the event-loop lag above which a stall flags the requests it overlapped in the
   *     measurement health ({@code llm.healthLagThresholdMs}, default 5)
   */
  public record Outputs(
      double[] percentiles,
      Optional<String> label,
      boolean logRequests,
      ServerMetricsSettings serverMetrics,
      Duration healthLagThreshold) {}

  /** The properties read here (each simulation adds its own). */
  public static final List<String> PROPERTIES =
      List.of(
          BASE_URL,
          ENDPOINT,
          MODEL,
          SEED,
          IGNORE_EOS,
          METRIC_PERCENTILES,
          LABEL,
          FIRST_TOKEN_TIMEOUT,
          IDLE_TIMEOUT,
          TOTAL_TIMEOUT,
          MAX_RESPONSE_MIB,
          RETRY_UNANSWERED_POSTS,
          LOG_REQUESTS,
          TOKENIZER,
          ResultsDirectory.PROPERTY,
          GatlingEnterprise.PROPERTY,
          BACKEND,
          PATH,
          SERVER_METRICS,
          SERVER_METRICS_INTERVAL,
          EXTRA_METRICS_URLS,
          INSECURE,
          CA_CERT,
          CLIENT_CERT,
          CLIENT_KEY,
          INJECTOR_INDEX,
          INJECTOR_COUNT,
          RUN_ID,
          START_AT,
          HEALTH_LAG_THRESHOLD_MS,
          PRECONNECT);

  /** The tokenizer that counts prompts: {@code llm.tokenizer}, else the shipped Qwen3 one. */
  public TextTokenizer loadTokenizer() {
    return Tokenizers.load(tokenizer.orElse(null));
  }

  /** With the given defaults for the endpoint and {@code llm.ignoreEos}, which differ between workloads. */
  public static CommonSettings from(LlmProperties p, String defaultEndpoint, boolean defaultIgnoreEos) {
    return new CommonSettings(
        target(p, defaultEndpoint),
        p.integer(SEED, 0, Integer.MIN_VALUE),
        p.bool(IGNORE_EOS, defaultIgnoreEos),
        new Timeouts(
            p.duration(FIRST_TOKEN_TIMEOUT, LlmProtocol.DEFAULT_FIRST_TOKEN_TIMEOUT),
            p.duration(IDLE_TIMEOUT, LlmProtocol.DEFAULT_IDLE_TIMEOUT),
            p.duration(TOTAL_TIMEOUT, LlmProtocol.DEFAULT_TOTAL_TIMEOUT)),
        new ResponseLimits(
            p.integer(MAX_RESPONSE_MIB, (int) (ResponseLimits.DEFAULT_MAX_BODY_BYTES >> 20), 0) * (1L << 20),
            p.bool(RETRY_UNANSWERED_POSTS, true)),
        p.integer(PRECONNECT, 0, 0),
        p.optional(TOKENIZER),
        new Outputs(
            p.percentiles(METRIC_PERCENTILES, 99),
            p.optional(LABEL),
            p.bool(LOG_REQUESTS, false),
            new ServerMetricsSettings(
                ServerMetricsSettings.Mode.parse(p.choice(SERVER_METRICS, "auto", List.of("auto", "on", "off"))),
                p.positiveDuration(SERVER_METRICS_INTERVAL, ServerMetricsSettings.DEFAULT_INTERVAL),
                p.urls(EXTRA_METRICS_URLS)),
            healthLagThreshold(p)),
        injector(p),
        p.parsed(START_AT, CommonSettings::instant, START_AT_FORM));
  }

  /**
   * These settings, for a workload that does not split its load across injectors ({@code workload} names it): a fleet
   * ({@code llm.injectorCount} > 1) is refused rather than sending the whole load from every injector.
   */
  public CommonSettings alone(String workload) {
    if (injector.inFleet()) {
      throw new IllegalArgumentException(
          INJECTOR_COUNT + "=" + injector.count() + ": " + workload + " does not split its load across injectors;"
              + " run it from one JVM");
    }
    return this;
  }

  /**
   * {@code llm.injectorIndex} of {@code llm.injectorCount} (default 0 of 1) and {@code llm.runId} (default a fresh
   * one); an index out of range names both properties. A fleet gives every injector the same run id, so it is
   * required as soon as there are several: fresh ids would differ and the merge would refuse the files.
   */
  static Injector injector(LlmProperties p) {
    int count = p.integer(INJECTOR_COUNT, 1, 1);
    int index = p.integer(INJECTOR_INDEX, 0, 0);
    if (index >= count) {
      throw LlmProperties.invalid(
          INJECTOR_INDEX, Integer.toString(index),
          "an integer in [0, " + count + ") with " + INJECTOR_COUNT + "=" + count + " (injectors are numbered from 0)");
    }
    Optional<String> runId = p.optional(RUN_ID);
    if (count > 1 && runId.isEmpty()) {
      throw new IllegalArgumentException(
          INJECTOR_COUNT + "=" + count + " needs " + RUN_ID + ": the same id on every injector of the fleet, so that"
              + " Recompute can check that the files it merges belong to one run");
    }
    if (runId.isPresent() && !runId.get().matches("[A-Za-z0-9._:-]{1,128}")) {
      throw LlmProperties.invalid(RUN_ID, runId.get(), "1 to 128 letters, digits, '.', '_', ':' or '-'");
    }
    return new Injector(runId.orElseGet(Injector::freshRunId), index, count);
  }

  /** {@code llm.healthLagThresholdMs}: milliseconds > 0, fractions allowed (0.5 = 500 µs). */
  static Duration healthLagThreshold(LlmProperties p) {
    double millis =
        p.number(HEALTH_LAG_THRESHOLD_MS, RunHealth.DEFAULT_LAG_THRESHOLD.toNanos() / 1e6, 0, false, 3_600_000);
    return Duration.ofNanos(Math.round(millis * 1e6));
  }

  /** {@code llm.startAt}: an ISO-8601 instant or epoch milliseconds. */
  static Instant instant(String value) {
    String v = value.trim();
    try {
      return v.matches("\\d+") ? Instant.ofEpochMilli(Long.parseLong(v)) : Instant.parse(v);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(v + " is not " + START_AT_FORM, e);
    }
  }

  private static Target target(LlmProperties p, String defaultEndpoint) {
    String endpoint = p.choice(ENDPOINT, defaultEndpoint, List.of(ServingSettings.COMPLETIONS, ServingSettings.CHAT));
    String derivedBackend = endpoint.equals(ServingSettings.CHAT) ? CHAT_BACKEND : "openai";
    return new Target(
        p.optional(BASE_URL),
        endpoint,
        p.optional(MODEL),
        Dialects.canonical(p.choice(BACKEND, derivedBackend, Dialects.accepted())),
        p.optional(PATH),
        tls(p));
  }

  /** The PEM files are read here, so that a bad one stops the run at start naming its property. */
  private static TlsSettings tls(LlmProperties p) {
    Optional<Path> ca = pem(p, CA_CERT, PemFiles.CERTIFICATES, true);
    Optional<Path> cert = pem(p, CLIENT_CERT, PemFiles.CERTIFICATES, true);
    Optional<Path> key = pem(p, CLIENT_KEY, PemFiles.PRIVATE_KEY, false);
    if (cert.isPresent() != key.isPresent()) {
      String missing = cert.isPresent() ? CLIENT_KEY : CLIENT_CERT;
      String given = cert.isPresent() ? CLIENT_CERT : CLIENT_KEY;
      throw LlmProperties.invalid(
          given, p.string(given, ""), "together with " + missing + " (mutual TLS needs the certificate and its key)");
    }
    return new TlsSettings(p.bool(INSECURE, false), ca.orElse(null), cert.orElse(null), key.orElse(null));
  }

  private static Optional<Path> pem(LlmProperties p, String name, String expected, boolean certificates) {
    Optional<String> value = p.optional(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Path path = Path.of(value.get());
    try {
      if (certificates) {
        PemFiles.certificates(path);
      } else {
        PemFiles.privateKey(path);
      }
    } catch (IllegalArgumentException e) {
      throw LlmProperties.invalid(name, value.get(), expected + ", but " + e.getMessage());
    }
    return Optional.of(path);
  }

  /** {@link #PROPERTIES} and {@code more}. */
  public static List<String> with(String... more) {
    return java.util.stream.Stream.concat(PROPERTIES.stream(), java.util.Arrays.stream(more)).toList();
  }

  /** Whether requests are OpenAI chat completions (prompts then go out as chat messages). */
  public boolean chat() {
    return target.backend().equals(CHAT_BACKEND);
  }

  /** The wire format {@link Target#backend} names. */
  public Dialect dialect() {
    return Dialects.named(target.backend());
  }

  /** The request's name in the stats: {@code chat}, {@code completion}, or the backend's name for others. */
  public String requestName() {
    return switch (target.backend()) {
      case CHAT_BACKEND -> "chat";
      case "openai" -> "completion";
      default -> target.backend();
    };
  }
}
