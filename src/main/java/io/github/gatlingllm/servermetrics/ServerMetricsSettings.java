package io.github.gatlingllm.servermetrics;

import java.time.Duration;
import java.util.Locale;

/**
 * Whether and how often the server's {@code /metrics} is sampled during the run.
 *
 * @param mode {@link Mode#AUTO}: probe once before the load and sample only if the server answers with Prometheus
 *     text; {@link Mode#ON}: the same, but a failing probe stops the run at start; {@link Mode#OFF}: never
 * @param interval time between two scrapes
 */
public record ServerMetricsSettings(Mode mode, Duration interval) {
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
  }
}
