package io.github.gatlingllm.servermetrics;

import io.github.gatlingllm.client.SafeUrl;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Whether and how often the server's {@code /metrics} is sampled during the run.
 *
 * @param mode {@link Mode#AUTO}: probe once before the load and sample only if the server answers with Prometheus
 *     text; {@link Mode#ON}: the same, but a failing probe stops the run at start; {@link Mode#OFF}: never
 * @param interval time between two scrapes
 * @param extraEndpoints further Prometheus endpoints scraped with the server's and read as one, for what the server
 *     does not export itself (e.g. NVIDIA's DCGM exporter for GPU memory); probed and failing like the server's
 */
public record ServerMetricsSettings(Mode mode, Duration interval, List<URI> extraEndpoints) {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  public static final ServerMetricsSettings OFF = new ServerMetricsSettings(Mode.OFF, DEFAULT_INTERVAL);

  public enum Mode {
    AUTO,
    ON,
    OFF;

    /** {@code auto}, {@code on} or {@code off}, any case. */
    public static Mode parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("serverMetrics: expected auto, on or off, got '" + text + "'");
      }
    }
  }

  public ServerMetricsSettings {
    if (mode == null) {
      throw new IllegalArgumentException("serverMetrics: the mode must not be null");
    }
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("serverMetrics: expected an interval > 0, got " + interval);
    }
    extraEndpoints = List.copyOf(extraEndpoints);
    extraEndpoints.forEach(ServerMetricsSettings::checkEndpoint);
  }

  private static URI checkEndpoint(URI uri) {
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "serverMetrics: expected extra metrics URLs like http://host:9400/metrics, got '" + SafeUrl.mask(uri) + "'");
    }
    return uri;
  }

  /** The server's endpoint only. */
  public ServerMetricsSettings(Mode mode, Duration interval) {
    this(mode, interval, List.of());
  }

  /** Parses and checks {@code http(s)://host:port/path} URLs separated by commas; blank gives none. */
  public static List<URI> parseEndpoints(String commaSeparated) {
    return java.util.Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(text -> !text.isEmpty())
        .map(ServerMetricsSettings::endpoint)
        .map(ServerMetricsSettings::checkEndpoint)
        .toList();
  }

  private static URI endpoint(String text) {
    try {
      return new URI(text);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(
          "Invalid metrics URL '" + SafeUrl.mask(text) + "': expected a URL like http://host:9400/metrics ("
              + e.getReason() + ")");
    }
  }
}
