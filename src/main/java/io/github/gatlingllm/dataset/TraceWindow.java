package io.github.gatlingllm.dataset;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a trace to replay and how fast: the requests from {@code start} for {@code duration} of trace time
 * (offsets from the trace's first request), at most {@code maxRequests} of them, their offsets taken from the
 * window's start and divided by {@code speedup}.
 *
 * @param start where the window starts in trace time ({@code llm.traceStart}, default 0)
 * @param duration how much trace time it spans; zero for the rest of the trace ({@code llm.traceDuration}, default 0)
 * @param maxRequests at most this many requests, the earliest; 0 for all ({@code llm.traceMaxRequests}, default 0)
 * @param speedup offsets are divided by it: 2 replays twice as fast ({@code llm.traceSpeedup}, default 1, > 0)
 */
public record TraceWindow(Duration start, Duration duration, int maxRequests, double speedup) {

  public TraceWindow {
    if (start.isNegative() || duration.isNegative()) {
      throw new IllegalArgumentException("traceStart and traceDuration must be >= 0, got " + start + " and " + duration);
    }
    if (maxRequests < 0) {
      throw new IllegalArgumentException("traceMaxRequests must be >= 0 (0 for all), got " + maxRequests);
    }
    if (!(speedup > 0) || !Double.isFinite(speedup)) {
      throw new IllegalArgumentException("traceSpeedup must be a number > 0, got " + speedup);
    }
  }

  /** The whole trace at its own pace. */
  public static TraceWindow all() {
    return new TraceWindow(Duration.ZERO, Duration.ZERO, 0, 1.0);
  }

  /** The entries of {@code sorted} (by offset) inside the window, their offsets in ms from the window's start. */
  List<TraceEntry> select(List<TraceEntry> sorted) {
    double from = start.toNanos() / 1e6;
    double to = duration.isZero() ? Double.POSITIVE_INFINITY : from + duration.toNanos() / 1e6;
    List<TraceEntry> kept = new ArrayList<>();
    for (TraceEntry entry : sorted) {
      if (maxRequests > 0 && kept.size() == maxRequests) {
        break;
      }
      if (entry.offsetMs() >= from && entry.offsetMs() < to) {
        kept.add(entry.at(entry.offsetMs() - from));
      }
    }
    return kept;
  }

  /** The send times of {@code selected} in seconds: their offsets divided by the speed-up. */
  double[] offsetsSeconds(List<TraceEntry> selected) {
    double[] seconds = new double[selected.size()];
    for (int i = 0; i < seconds.length; i++) {
      seconds[i] = selected.get(i).offsetMs() / 1000.0 / speedup;
    }
    return seconds;
  }

  /** A short description for the report. */
  String describe() {
    return "from " + seconds(start) + (duration.isZero() ? " to the end" : " for " + seconds(duration))
        + (maxRequests > 0 ? ", at most " + maxRequests + " requests" : "") + ", speed-up " + speedup;
  }

  private static String seconds(Duration d) {
    return d.toMillis() / 1000.0 + " s";
  }
}
