package io.github.gatlingllm.metrics;

import java.util.Locale;

/**
 * A request rate that changes over the run, as vLLM's {@code bench serve --ramp-up-strategy}: request {@code i} of
 * {@code n} arrives at the rate reached at progress {@code p = i / max(n - 1, 1)}, which goes from {@code startRps}
 * (first request) to {@code endRps} (last request).
 *
 * <ul>
 *   <li>{@code linear}: {@code start + (end - start) * p}
 *   <li>{@code exponential}: {@code start * (end / start)^p}
 * </ul>
 *
 * <p>The one model of a ramp: the injection draws its arrivals from it ({@code javaapi.ArrivalSchedule}), the ready
 * suite's properties parse into it, and the summary writes it as vLLM's {@code ramp_up_strategy},
 * {@code ramp_up_start_rps} and {@code ramp_up_end_rps}.
 *
 * <p>The rules are vLLM's: both rates are required, the start is not above the end, and the rates must be positive
 * (vLLM accepts a linear start of 0 on the command line, then fails on its first request's zero rate).
 *
 * @param strategy how the rate grows
 * @param startRps the first request's rate, requests per second
 * @param endRps the last request's rate, requests per second
 */
public record RampUp(Strategy strategy, double startRps, double endRps) {

  /** vLLM's {@code --ramp-up-strategy} values. */
  public enum Strategy {
    LINEAR,
    EXPONENTIAL;

    /** {@code linear} or {@code exponential} (any case). */
    public static Strategy parse(String name) {
      for (Strategy s : values()) {
        if (s.name().equalsIgnoreCase(name.trim())) {
          return s;
        }
      }
      throw new IllegalArgumentException("Unknown ramp-up strategy '" + name + "': expected linear or exponential");
    }

    /** vLLM's spelling: {@code linear}, {@code exponential}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public RampUp {
    if (strategy == null) {
      throw new IllegalArgumentException("the ramp-up strategy is required: linear or exponential");
    }
    if (!(startRps > 0) || !Double.isFinite(startRps)) {
      throw new IllegalArgumentException("the ramp-up start rate must be a finite number > 0, got " + startRps);
    }
    if (!(endRps > 0) || !Double.isFinite(endRps)) {
      throw new IllegalArgumentException("the ramp-up end rate must be a finite number > 0, got " + endRps);
    }
    if (startRps > endRps) {
      throw new IllegalArgumentException(
          "the ramp-up start rate (" + startRps + ") must not be above the end rate (" + endRps + ")");
    }
  }

  /** A rate growing in equal steps from {@code startRps} (first request) to {@code endRps} (last request). */
  public static RampUp linear(double startRps, double endRps) {
    return new RampUp(Strategy.LINEAR, startRps, endRps);
  }

  /** A rate growing by an equal factor per request from {@code startRps} (first request) to {@code endRps} (last). */
  public static RampUp exponential(double startRps, double endRps) {
    return new RampUp(Strategy.EXPONENTIAL, startRps, endRps);
  }

  /** The rate of request {@code index} (from 0) among {@code n}. */
  public double rateAt(int index, int n) {
    double progress = (double) index / Math.max(n - 1, 1);
    return switch (strategy) {
      case LINEAR -> startRps + (endRps - startRps) * progress;
      case EXPONENTIAL -> startRps * Math.pow(endRps / startRps, progress);
    };
  }
}
