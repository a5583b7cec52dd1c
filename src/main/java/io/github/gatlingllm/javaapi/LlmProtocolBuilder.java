package io.github.gatlingllm.javaapi;

import io.gatling.core.protocol.Protocol;
import io.gatling.javaapi.core.ProtocolBuilder;
import io.github.gatlingllm.client.HttpTarget;
import io.github.gatlingllm.client.PemFiles;
import io.github.gatlingllm.client.TlsSettings;
import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.metrics.GoodputSlo;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.client.ResponseLimits;
import io.github.gatlingllm.protocol.ConnectionSettings;
import io.github.gatlingllm.protocol.Injector;
import io.github.gatlingllm.protocol.ItlStats;
import io.github.gatlingllm.protocol.LlmProtocol;
import io.github.gatlingllm.protocol.ReportSettings;
import io.github.gatlingllm.protocol.RequestSettings;
import io.github.gatlingllm.protocol.RunLevelSettings;
import io.github.gatlingllm.health.RunHealth;
import io.github.gatlingllm.protocol.ScheduledOutput;
import io.github.gatlingllm.protocol.ServerTarget;
import io.github.gatlingllm.report.PeriodicOutput;
import io.github.gatlingllm.report.RequestFileFormat;
import io.github.gatlingllm.report.RunOutput;
import io.github.gatlingllm.report.SummaryCheck;
import io.github.gatlingllm.servermetrics.ServerMetricsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The LLM protocol: which server, which model, credentials, timeouts, the client-side concurrency cap and how the run
 * is reported. Immutable: every method returns a new builder.
 *
 * <pre>{@code
 * LlmProtocolBuilder protocol = LlmDsl.llm.baseUrl("http://127.0.0.1:8000").model("Qwen/Qwen3-0.6B");
 * }</pre>
 *
 * <p>The API key defaults to the {@code OPENAI_API_KEY} environment variable; it is sent as a bearer token and never
 * printed.
 */
public final class LlmProtocolBuilder implements ProtocolBuilder {

  /** The settings being collected; copied on every change so that builders stay immutable. */
  private static final class Settings extends CopyableSettings<Settings> {
    String baseUrl;
    String model;
    String apiKey = System.getenv("OPENAI_API_KEY");
    List<Map.Entry<String, String>> headers = List.of();
    Duration connectTimeout = LlmProtocol.DEFAULT_CONNECT_TIMEOUT;
    int preconnect;
    Duration firstTokenTimeout = LlmProtocol.DEFAULT_FIRST_TOKEN_TIMEOUT;
    Duration idleTimeout = LlmProtocol.DEFAULT_IDLE_TIMEOUT;
    Duration totalTimeout = LlmProtocol.DEFAULT_TOTAL_TIMEOUT;
    TlsSettings tls = TlsSettings.VERIFIED;
    long maxResponseBytes = ResponseLimits.DEFAULT_MAX_BODY_BYTES;
    boolean retryUnansweredPosts = true;
    int maxConcurrency;
    ItlStats itlStats = ItlStats.REQUEST_MEAN;
    String label;
    List<Double> percentiles = List.of(99.0);
    GoodputSlo goodput;
    String tokenizerId;
    boolean clientWarmUp = true;
    ServerMetricsSettings serverMetrics = ServerMetricsSettings.OFF;
    List<SummaryCheck> checks = List.of();
    List<String> percentileMetrics = SummaryOptions.ALL_PERCENTILE_METRICS;
    boolean logRequests;
    boolean saveDetailed;
    List<RunOutput> outputs = List.of();
    List<RequestFileFormat> requestFiles = List.of();
    List<ScheduledOutput> periodicOutputs = List.of();
    TextTokenizer outputTokenizer;
    Injector injector;
    java.time.Instant startAt;
    Duration healthLagThreshold = RunHealth.DEFAULT_LAG_THRESHOLD;
  }

  private final Settings settings;

  private LlmProtocolBuilder(Settings settings) {
    this.settings = settings;
  }

  /** The starting point, {@code LlmDsl.llm}: reads {@code OPENAI_API_KEY} from the environment. */
  public static LlmProtocolBuilder defaults() {
    return new LlmProtocolBuilder(new Settings());
  }

  private LlmProtocolBuilder change(Consumer<Settings> change) {
    Settings copy = settings.copy();
    change.accept(copy);
    return new LlmProtocolBuilder(copy);
  }

  /** The server, e.g. {@code http://127.0.0.1:8000} (request paths such as {@code /v1/completions} are appended). */
  public LlmProtocolBuilder baseUrl(String url) {
    // fail now, with the value (credentials masked) in the message
    HttpTarget.parse(Objects.requireNonNull(url, "baseUrl"));
    return change(s -> s.baseUrl = url);
  }

  /** The model name sent with every request that does not set its own. */
  public LlmProtocolBuilder model(String name) {
    String checked = requireText(name, "model");
    return change(s -> s.model = checked);
  }

  /** The bearer token (default: the {@code OPENAI_API_KEY} environment variable); null or empty sends none. */
  public LlmProtocolBuilder apiKey(String key) {
    return change(s -> s.apiKey = key);
  }

  /** A header sent with every request. */
  public LlmProtocolBuilder header(String name, String value) {
    Map.Entry<String, String> header =
        Map.entry(requireText(name, "header name"), Objects.requireNonNull(value, "header value"));
    return change(s -> s.headers = CopyableSettings.appended(s.headers, header));
  }

  /** TCP connect (and TLS handshake) limit; default 10 s. */
  public LlmProtocolBuilder connectTimeout(Duration timeout) {
    Duration checked = positive(timeout, "connectTimeout");
    return change(s -> s.connectTimeout = checked);
  }

  /**
   * Opens {@code connections} keep-alive connections to the server once the client is warm, just before the load
   * starts, spread over Gatling's event loops; default 0 (connections open as requests need them). Size it to the
   * load's expected concurrency (requests in flight: the rate times the mean end-to-end latency, or the closed
   * model's users): the first requests then neither pay for a connection in their send lag nor make the server accept
   * a burst of connections at once (at 2,000 req/s a burst of new connections overflowed a server's accept queue:
   * connect timeouts). At most 128 attempts are in flight at once; failures are printed, never fatal. A server that
   * closes idle connections sooner than the load reaches them (uvicorn's keep-alive timeout is 5 s) makes them
   * useless, not harmful.
   */
  public LlmProtocolBuilder preconnect(int connections) {
    if (connections < 0) {
      throw new IllegalArgumentException("preconnect must be >= 0 connections, got " + connections);
    }
    return change(s -> s.preconnect = connections);
  }

  /** Longest wait from send to the first streamed event; default 10 min; {@code Duration.ZERO} disables. */
  public LlmProtocolBuilder firstTokenTimeout(Duration timeout) {
    Duration checked = notNegative(timeout, "firstTokenTimeout");
    return change(s -> s.firstTokenTimeout = checked);
  }

  /** Longest gap between two streamed events; default 60 s; {@code Duration.ZERO} disables. */
  public LlmProtocolBuilder idleTimeout(Duration timeout) {
    Duration checked = notNegative(timeout, "idleTimeout");
    return change(s -> s.idleTimeout = checked);
  }

  /** Longest whole request, send to end of stream; default 1 h; {@code Duration.ZERO} disables. */
  public LlmProtocolBuilder totalTimeout(Duration timeout) {
    Duration checked = notNegative(timeout, "totalTimeout");
    return change(s -> s.totalTimeout = checked);
  }

  /**
   * Accepts any server certificate for any host name over https, for the load and the side requests (model
   * discovery, {@code /metrics}): the explicit opt-out of verification, for self-signed test servers. The run says so
   * in one console line at start. By default certificates are verified against the JDK's trust store (and
   * {@link #caCert}) and the host name is checked.
   */
  public LlmProtocolBuilder trustAllCertificates() {
    return trustAllCertificates(true);
  }

  /** {@code true}: as {@link #trustAllCertificates()}; {@code false} (the default): certificates are verified. */
  public LlmProtocolBuilder trustAllCertificates(boolean trustAll) {
    return change(s -> s.tls = s.tls.withInsecure(trustAll));
  }

  /**
   * Trusts the CA certificates of a PEM file (a private CA) in addition to the JDK's trust store. Read now: a missing
   * or malformed file fails here, naming it.
   */
  public LlmProtocolBuilder caCert(String pemFile) {
    Path pem = Path.of(Objects.requireNonNull(pemFile, "caCert"));
    checkedPem("caCert", () -> PemFiles.certificates(pem));
    return change(s -> s.tls = s.tls.withCaCert(pem));
  }

  /**
   * Mutual TLS: shows this certificate chain (PEM) and proves it with its key (an unencrypted PKCS#8 PEM,
   * {@code -----BEGIN PRIVATE KEY-----}). Both read now: a missing or malformed file fails here, naming it.
   */
  public LlmProtocolBuilder clientCertificate(String certPemFile, String keyPemFile) {
    Path cert = Path.of(Objects.requireNonNull(certPemFile, "clientCertificate cert"));
    Path key = Path.of(Objects.requireNonNull(keyPemFile, "clientCertificate key"));
    checkedPem("clientCertificate (certificate)", () -> PemFiles.certificates(cert));
    checkedPem("clientCertificate (key)", () -> PemFiles.privateKey(key));
    return change(s -> s.tls = s.tls.withClientCertificate(cert, key));
  }

  /** The TLS settings already parsed (e.g. from {@code llm.insecure}, {@code llm.caCert}, {@code llm.clientCert}). */
  public LlmProtocolBuilder tls(TlsSettings tls) {
    Objects.requireNonNull(tls, "tls");
    return change(s -> s.tls = tls);
  }

  private static void checkedPem(String setting, Runnable read) {
    try {
      read.run();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
    }
  }

  /**
   * The most response body bytes one request may read (after decompression): a server that streams without end fails
   * the request with a protocol error at this cap, even with no total timeout. Default 256 MiB; 0 removes the cap.
   */
  public LlmProtocolBuilder maxResponseBytes(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("maxResponseBytes must be 0 (no cap) or positive, got " + bytes);
    }
    return change(s -> s.maxResponseBytes = bytes);
  }

  /**
   * Whether a request is sent again, once, on a new connection when the kept-alive connection it was written to closes
   * before any byte of an answer (default true: the server most likely closed the idle connection and never saw it).
   * False when a generation the server started and then lost must not be paid for twice: such a request then fails as
   * {@code connection closed}.
   */
  public LlmProtocolBuilder retryUnansweredPosts(boolean retry) {
    return change(s -> s.retryUnansweredPosts = retry);
  }

  /**
   * Caps the requests in flight across all virtual users (vLLM's {@code --max-concurrency}); arrivals beyond it wait
   * on the client and their waiting time is reported (client queue time). 0 removes the cap.
   */
  public LlmProtocolBuilder maxConcurrency(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("maxConcurrency must be >= 0 (0 = no cap), got " + max);
    }
    return change(s -> s.maxConcurrency = max);
  }

  /**
   * How ITL reaches Gatling's stats (default {@link ItlStats#REQUEST_MEAN}: one record per request, so that a long run's
   * simulation.log stays small); the LLM summary always has every gap.
   */
  public LlmProtocolBuilder itlStats(ItlStats mode) {
    Objects.requireNonNull(mode, "itlStats");
    return change(s -> s.itlStats = mode);
  }

  /** The percentiles the LLM summary reports for every metric (default 99), e.g. {@code 50, 90, 99, 99.9}. */
  public LlmProtocolBuilder metricPercentiles(double... percentiles) {
    if (percentiles.length == 0) {
      throw new IllegalArgumentException("metricPercentiles needs at least one value");
    }
    for (double p : percentiles) {
      if (!(p > 0 && p < 100)) {
        throw new IllegalArgumentException(
            "Invalid percentile " + p + ": expected a number between 0 and 100, both excluded");
      }
    }
    List<Double> list = Arrays.stream(percentiles).boxed().toList();
    return change(s -> s.percentiles = list);
  }

  /**
   * The latency metrics the summary reports (vLLM's {@code --percentile-metrics}), among {@code ttft}, {@code tpot},
   * {@code itl} and {@code e2el}; all four by default.
   */
  public LlmProtocolBuilder percentileMetrics(String... metrics) {
    List<String> list = SummaryOptions.parsePercentileMetrics(String.join(",", metrics));
    return change(s -> s.percentileMetrics = list);
  }

  /**
   * Service-level objectives for goodput, e.g. {@code "ttft:500,tpot:50"} (ms; any of ttft, tpot, e2el), parsed here
   * so that a bad part fails now, naming it.
   */
  public LlmProtocolBuilder goodput(String slos) {
    return goodput(GoodputSlo.parse(slos));
  }

  /** Service-level objectives for goodput, already parsed (e.g. from a setting). */
  public LlmProtocolBuilder goodput(GoodputSlo slos) {
    java.util.Objects.requireNonNull(slos, "slos");
    return change(s -> s.goodput = slos);
  }

  /** A free-text label stored in the result JSON. */
  public LlmProtocolBuilder label(String label) {
    return change(s -> s.label = label);
  }

  /** The tokenizer reported as {@code tokenizer_id} (default: the model name). */
  public LlmProtocolBuilder tokenizerId(String tokenizerId) {
    return change(s -> s.tokenizerId = tokenizerId);
  }

  /**
   * SLO checks on the LLM summary, e.g. {@code "p99_ttft_ms<500;failed==0;request_goodput>=2"}: each clause compares a
   * numeric key of {@code llm-summary.json} with {@code <}, {@code <=}, {@code >}, {@code >=} or {@code ==}. The
   * console and the HTML block list every clause with its actual value; any failing clause makes the Gatling process
   * exit with status 2 (so {@code mvn gatling:test} fails). A key the summary will not hold fails at start.
   */
  public LlmProtocolBuilder assertions(String clauses) {
    return assertions(SummaryCheck.parseAll(clauses).toArray(new SummaryCheck[0]));
  }

  /** SLO checks built with {@link LlmAssertions}, e.g. {@code LlmAssertions.summary("p99_ttft_ms").lt(500)}. */
  public LlmProtocolBuilder assertions(SummaryCheck... checks) {
    List<SummaryCheck> more = new ArrayList<>(settings.checks);
    more.addAll(Arrays.asList(checks));
    List<SummaryCheck> all = List.copyOf(more);
    return change(s -> s.checks = all);
  }

  /**
   * Whether to warm the client up before the load (default true): a few thousand events streamed from a throw-away
   * in-process server on loopback, so that class loading and interpreted code do not inflate the first requests'
   * timings. The server under test receives nothing.
   */
  public LlmProtocolBuilder clientWarmUp(boolean warmUp) {
    return change(s -> s.clientWarmUp = warmUp);
  }

  /**
   * Samples the server's Prometheus {@code /metrics} (at the base URL's scheme, host and port) during the run, into
   * {@code server-metrics.csv}, a {@code server_metrics} section of {@code llm-summary.json}, a console block and an
   * HTML chart. Off by default here (the ready simulations default to {@code auto} through {@code llm.serverMetrics}).
   *
   * @param mode {@code auto} (probe once before the load, skip with one console line when the server has no
   *     Prometheus metrics), {@code on} (a failing probe stops the run at start) or {@code off}
   * @param interval time between two scrapes, e.g. 1 s
   */
  public LlmProtocolBuilder serverMetrics(String mode, Duration interval) {
    return serverMetrics(new ServerMetricsSettings(ServerMetricsSettings.Mode.parse(mode), interval));
  }

  /**
   * As {@link #serverMetrics(String, Duration)}, also scraping {@code extraEndpoints} (e.g. NVIDIA's DCGM exporter,
   * {@code http://gpu-host:9400/metrics}, for GPU memory, which the inference servers do not export) with the server's.
   */
  public LlmProtocolBuilder serverMetrics(String mode, Duration interval, String... extraEndpoints) {
    return serverMetrics(
        new ServerMetricsSettings(
            ServerMetricsSettings.Mode.parse(mode),
            interval,
            ServerMetricsSettings.parseEndpoints(String.join(",", extraEndpoints))));
  }

  /** As {@link #serverMetrics(String, Duration)}, from settings already parsed (e.g. {@code llm.serverMetrics}). */
  public LlmProtocolBuilder serverMetrics(ServerMetricsSettings metrics) {
    Objects.requireNonNull(metrics, "serverMetrics");
    return change(s -> s.serverMetrics = metrics);
  }

  /** As {@link #serverMetrics(String, Duration)} every {@link ServerMetricsSettings#DEFAULT_INTERVAL}. */
  public LlmProtocolBuilder serverMetrics(String mode) {
    return serverMetrics(mode, ServerMetricsSettings.DEFAULT_INTERVAL);
  }

  /**
   * Whether to write {@code llm-requests.jsonl} (default false): one JSON object per request with the prompt as sent
   * and the generated text. Capturing the text costs a copy of every chunk's text.
   */
  public LlmProtocolBuilder logRequests(boolean log) {
    return change(s -> s.logRequests = log);
  }

  /**
   * Whether {@code llm-summary.json} holds the per-request arrays ({@code input_lens}, {@code ttfts}, {@code itls},
   * ...; with {@link #logRequests} also {@code generated_texts}), as vLLM's {@code --save-detailed}. Default false.
   */
  public LlmProtocolBuilder saveDetailed(boolean detailed) {
    return change(s -> s.saveDetailed = detailed);
  }

  /**
   * Counts output tokens with {@code tokenizer} for requests whose stream reports no usage (LLM-on-Ray's raw text,
   * servers without usage), from their generated text, as LLM-on-Ray's benchmark does; default none: one token per
   * chunk. The text is captured for that (a copy of every chunk's text) and tokenized on a thread of its own, never on
   * an event loop; the record reaches the files and the summary once counted.
   */
  public LlmProtocolBuilder countOutputTokens(TextTokenizer tokenizer) {
    Objects.requireNonNull(tokenizer, "tokenizer");
    return change(s -> s.outputTokenizer = tokenizer);
  }

  /**
   * An extra end-of-run output (e.g. one result file per scenario, or another tool's summary block), run once after
   * the LLM summary is printed and written. Outputs run in the order they were added.
   */
  public LlmProtocolBuilder runOutput(RunOutput output) {
    List<RunOutput> all = CopyableSettings.appended(settings.outputs, Objects.requireNonNull(output, "runOutput"));
    return change(s -> s.outputs = all);
  }

  /**
   * A per-request file in the simulation's own format (e.g. another tool's CSV), written into the run folder as
   * requests finish, like {@code llm-requests.csv}.
   */
  public LlmProtocolBuilder requestFile(RequestFileFormat format) {
    List<RequestFileFormat> all =
        CopyableSettings.appended(settings.requestFiles, Objects.requireNonNull(format, "requestFile"));
    return change(s -> s.requestFiles = all);
  }

  /**
   * An output called every {@code period} while the load goes (e.g. another tool's periodic summary lines), on a
   * thread of its own.
   */
  public LlmProtocolBuilder periodicOutput(Duration period, PeriodicOutput output) {
    List<ScheduledOutput> all =
        CopyableSettings.appended(settings.periodicOutputs, new ScheduledOutput(period, output));
    return change(s -> s.periodicOutputs = all);
  }

  /**
   * This JVM as one injector of a fleet acting as one run ({@code llm.injectorIndex}, {@code llm.injectorCount},
   * {@code llm.runId}): its requests are numbered {@code index + 1}, {@code index + 1 + count}, ... so that the
   * fleet's files merge without colliding, and {@code llm-summary.json} carries the run id and the injector's place
   * for the merge to check. The load's share is the simulation's to take (see {@link Injector#share}). Default: a run
   * alone, with a fresh run id.
   */
  public LlmProtocolBuilder injector(Injector injector) {
    Injector checked = Objects.requireNonNull(injector, "injector");
    return change(s -> s.injector = checked);
  }

  /**
   * Starts the load at {@code instant} ({@code llm.startAt}) rather than as soon as the run is ready: the run waits
   * once its client is warm, before Gatling injects the first user, so that a fleet's injectors, which get ready
   * seconds apart, start their load together. One ready after the instant starts at once and prints how late it is.
   */
  public LlmProtocolBuilder startAt(java.time.Instant instant) {
    java.time.Instant checked = Objects.requireNonNull(instant, "startAt");
    return change(s -> s.startAt = checked);
  }

  /**
   * The event-loop lag above which a stall flags the requests it overlapped in the run's measurement health
   * ({@code measurement_health} in llm-summary.json; {@code llm.healthLagThresholdMs} in the ready simulations).
   * Default {@link RunHealth#DEFAULT_LAG_THRESHOLD}.
   */
  public LlmProtocolBuilder healthLagThreshold(Duration threshold) {
    Duration checked = RunHealth.requireThreshold(threshold);
    return change(s -> s.healthLagThreshold = checked);
  }

  @Override
  public Protocol protocol() {
    Settings s = settings;
    if (s.baseUrl == null) {
      throw new IllegalStateException("The LLM protocol needs a base URL: LlmDsl.llm.baseUrl(\"http://host:port\")");
    }
    ReportSettings report =
        new ReportSettings(
            s.label,
            s.percentiles,
            s.goodput,
            s.tokenizerId,
            s.checks,
            s.logRequests,
            s.saveDetailed,
            s.percentileMetrics,
            s.outputs,
            s.requestFiles,
            s.periodicOutputs,
            s.outputTokenizer,
            s.injector);
    return new LlmProtocol(
        new ServerTarget(s.baseUrl, HttpTarget.parse(s.baseUrl), s.apiKey),
        new ConnectionSettings(
            s.connectTimeout,
            s.firstTokenTimeout,
            s.idleTimeout,
            s.totalTimeout,
            s.tls,
            new ResponseLimits(s.maxResponseBytes, s.retryUnansweredPosts),
            s.preconnect),
        new RequestSettings(s.model, s.headers, s.maxConcurrency, s.itlStats),
        new RunLevelSettings(report, s.clientWarmUp, s.serverMetrics, s.startAt, s.healthLagThreshold));
  }

  private static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return value;
  }

  private static Duration positive(Duration d, String what) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be a positive duration, got " + d);
    }
    return d;
  }

  private static Duration notNegative(Duration d, String what) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(what + " must be zero (disabled) or a positive duration, got " + d);
    }
    return d;
  }
}
