package io.github.gatlingllm.protocol;

import io.github.gatlingllm.health.RunHealth;
import io.github.gatlingllm.servermetrics.MetricsEndpoint;
import io.github.gatlingllm.servermetrics.ServerMetricsSettings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.Objects;

/**
 * The settings a run has once, whichever scenario's protocol they come from: one summary (its options, checks,
 * outputs, description), one set of request files, one server-metrics sampler, one warm-up, one output tokenizer.
 * Scenarios of one run may use different protocols (another model, cap or timeout); their run-level settings must
 * then agree, since a run cannot have two summaries: {@link #requireSame} stops the run at start otherwise.
 *
 * @param report how the end-of-run summary is described and computed
 * @param clientWarmUp warm the client on a loopback streamer before the load starts (see {@code ClientWarmUp})
 * @param serverMetrics whether and how often the server's {@code /metrics} is sampled during the run
 * @param startAt the instant the load starts, once the client is warm ({@link FleetStart}), or null for at once
 * @param healthLagThreshold an event-loop stall longer than this flags the requests it overlapped, in the run's
 *     measurement health ({@code RunHealth}); null for the default
 */
public record RunLevelSettings(
    ReportSettings report,
    boolean clientWarmUp,
    ServerMetricsSettings serverMetrics,
    java.time.Instant startAt,
    java.time.Duration healthLagThreshold) {
  public RunLevelSettings {
    Objects.requireNonNull(report, "report");
    serverMetrics = serverMetrics == null ? ServerMetricsSettings.OFF : serverMetrics;
    healthLagThreshold =
        healthLagThreshold == null ? RunHealth.DEFAULT_LAG_THRESHOLD : RunHealth.requireThreshold(healthLagThreshold);
  }

  /** With the default lag threshold. */
  public RunLevelSettings(
      ReportSettings report, boolean clientWarmUp, ServerMetricsSettings serverMetrics, java.time.Instant startAt) {
    this(report, clientWarmUp, serverMetrics, startAt, null);
  }

  /** Starting at once. */
  public RunLevelSettings(ReportSettings report, boolean clientWarmUp, ServerMetricsSettings serverMetrics) {
    this(report, clientWarmUp, serverMetrics, null);
  }

  /**
   * Throws when {@code other}'s run-level settings differ from {@code first}'s (the protocol the run started with),
   * naming the first setting that differs and both values. Equal settings merge: the run goes on with {@code first}'s.
   * Objects without a value equality (outputs, request file formats, tokenizers) are equal when they are the same
   * instance, as they are when both protocols come from one builder.
   */
  static void requireSame(LlmProtocol first, LlmProtocol other) {
    RunLevelSettings a = first.run();
    RunLevelSettings b = other.run();
    // Every component of ReportSettings, by name, so that a setting added there is compared without a change here.
    for (RecordComponent component : ReportSettings.class.getRecordComponents()) {
      requireEqual(component.getName(), read(component, a.report()), read(component, b.report()));
    }
    requireEqual("clientWarmUp", a.clientWarmUp(), b.clientWarmUp());
    requireEqual("serverMetrics", a.serverMetrics(), b.serverMetrics());
    requireEqual("startAt", a.startAt(), b.startAt());
    requireEqual("healthLagThreshold", a.healthLagThreshold(), b.healthLagThreshold());
    if (a.serverMetrics().mode() != ServerMetricsSettings.Mode.OFF) {
      // The sampler scrapes the run's one server: the server both protocols sample must be the same.
      requireEqual("serverMetrics endpoint", scraped(first), scraped(other));
    }
  }

  private static URI scraped(LlmProtocol protocol) {
    return MetricsEndpoint.of(protocol.target());
  }

  private static Object read(RecordComponent component, ReportSettings report) {
    try {
      return component.getAccessor().invoke(report);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Cannot read ReportSettings." + component.getName(), e);
    }
  }

  private static void requireEqual(String setting, Object first, Object other) {
    if (!Objects.equals(first, other)) {
      throw new IllegalStateException(
          "Two LLM protocols of this run set the run-level setting '"
              + setting
              + "' differently: "
              + first
              + " (the first protocol) and "
              + other
              + ". A run has one summary, one set of request files and one server-metrics sampler: give every"
              + " scenario's protocol the same value (derive them from one builder), or run them separately.");
    }
  }
}
