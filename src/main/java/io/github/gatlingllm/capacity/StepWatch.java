package io.github.gatlingllm.capacity;

import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenCounts;
import io.github.gatlingllm.report.SummaryCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches a running step and says when it is clearly failing, so that the search does not spend a whole step (and
 * drown the server) on a load it already knows is too high:
 *
 * <ul>
 *   <li><b>Certain failure.</b> A clause that no remaining request can save: {@code failed_ratio<t} once the failures
 *       alone reach t of the step's planned measured requests; {@code failed<n}; {@code pQ_ttft_ms<t} (TPOT, E2EL
 *       alike) once enough values are at or above t that the Q-th percentile (numpy's linear interpolation) is at
 *       least t whatever the remaining requests give. Exact, not a guess.
 *   <li><b>Over-saturation</b> (open-model steps only, a heuristic): arrivals falling more than
 *       {@link #LATE_LIMIT_NANOS} behind their schedule (every one of the client's requests in flight was busy), or,
 *       after {@link #MIN_TREND_NANOS} of the measured part, the requests in flight growing by more than
 *       {@link #MIN_QUEUE_GROWTH} and their own number at the window's start while the TTFT of the latest third of
 *       requests is over {@link #TTFT_GROWTH} times that of the first third: the server's queue grows without bound.
 * </ul>
 *
 * <p>Thread-safe: the statistics thread adds records, the search's own thread samples the requests in flight.
 */
final class StepWatch {
  static final long LATE_LIMIT_NANOS = 1_000_000_000L;
  static final long MIN_TREND_NANOS = 5_000_000_000L;
  static final int MIN_QUEUE_GROWTH = 16;
  static final double TTFT_GROWTH = 2.0;

  private static final int TTFT_SLOTS = 1024;
  private static final Pattern PERCENTILE_KEY = Pattern.compile("p([0-9.]+)_(ttft|tpot|e2el)_ms");

  /** One percentile clause that can be decided early: its metric, percentile, threshold and values over it. */
  private static final class PercentileClause {
    final SummaryCheck check;
    final String metric;
    final double percentile;
    int atOrOver;

    PercentileClause(SummaryCheck check, String metric, double percentile) {
      this.check = check;
      this.metric = metric;
      this.percentile = percentile;
    }

    boolean over(double valueMs) {
      return check.operator() == SummaryCheck.Operator.LT ? valueMs >= check.threshold() : valueMs > check.threshold();
    }
  }

  private final List<SummaryCheck> slo;
  private final List<PercentileClause> percentiles = new ArrayList<>();
  private final int plannedMeasured;
  private final boolean openModel;
  private int failed;
  private int succeeded;
  /**
   * TTFT (ms) of the measured requests in the order they finished, for the trend: each slot the mean of
   * {@code ttftBlock} requests; when the slots are full, pairs merge and the block doubles, so memory stays fixed
   * however long the step.
   */
  private final double[] ttfts = new double[TTFT_SLOTS];
  private int ttftCount;
  private int ttftBlock = 1;
  private double pendingSum;
  private int pendingCount;
  private long firstSampleNanos = Long.MIN_VALUE;
  private int firstInFlight;
  private String reason;

  /**
   * @param plannedMeasured the step's measured requests, or -1 when not known in advance (then only the trend and
   *     the lateness can stop it)
   * @param openModel whether the step's arrivals follow a schedule (a rate), which a saturated server falls behind
   */
  StepWatch(List<SummaryCheck> slo, int plannedMeasured, boolean openModel) {
    this.slo = slo;
    this.plannedMeasured = plannedMeasured;
    this.openModel = openModel;
    for (SummaryCheck check : slo) {
      Matcher m = PERCENTILE_KEY.matcher(check.key());
      boolean below = check.operator() == SummaryCheck.Operator.LT || check.operator() == SummaryCheck.Operator.LE;
      if (m.matches() && below) {
        percentiles.add(new PercentileClause(check, m.group(2), Double.parseDouble(m.group(1))));
      }
    }
  }

  /** Why the step should stop, or null while it may go on. */
  synchronized String reason() {
    return reason;
  }

  /** A measured request of the step finished. */
  synchronized void add(RequestRecord r) {
    if (reason != null) {
      return;
    }
    if (!r.success()) {
      failed++;
    } else {
      succeeded++;
      double ttft = r.ttftNanos() / 1e6;
      remember(ttft);
      int out = TokenCounts.outputTokens(r);
      for (PercentileClause c : percentiles) {
        double value =
            switch (c.metric) {
              case "ttft" -> ttft;
              case "e2el" -> r.e2elNanos() / 1e6;
              default -> out > 1 ? (r.lastChunkNanos() - r.firstChunkNanos()) / 1e6 / (out - 1) : Double.NaN;
            };
        if (!Double.isNaN(value) && c.over(value)) {
          c.atOrOver++;
        }
      }
    }
    reason = certainFailure();
  }

  /**
   * Samples the step at {@code now}: the requests in flight and the worst lateness of an arrival so far.
   *
   * @param measuring whether the measured part has begun (the warm-up fills the server: no trend before)
   */
  synchronized void sample(long now, int inFlight, long worstLatenessNanos, int clientMaxInFlight, boolean measuring) {
    if (reason != null || !openModel) {
      return;
    }
    if (worstLatenessNanos > LATE_LIMIT_NANOS) {
      reason =
          String.format(
              Locale.ROOT,
              "over-saturated: arrivals fell %.1f s behind their schedule with %d requests in flight (the client's"
                  + " most, llm.searchMaxInFlight): the server does not keep up",
              worstLatenessNanos / 1e9, clientMaxInFlight);
      return;
    }
    if (!measuring) {
      return;
    }
    if (firstSampleNanos == Long.MIN_VALUE) {
      firstSampleNanos = now;
      firstInFlight = inFlight;
      return;
    }
    if (now - firstSampleNanos < MIN_TREND_NANOS || ttftCount < 6) {
      return;
    }
    int growth = inFlight - firstInFlight;
    double early = mean(0, ttftCount / 3);
    double late = mean(ttftCount - ttftCount / 3, ttftCount);
    if (growth > Math.max(MIN_QUEUE_GROWTH, firstInFlight) && late > TTFT_GROWTH * early) {
      reason =
          String.format(
              Locale.ROOT,
              "over-saturated: requests in flight grew from %d to %d and the TTFT from %.0f ms to %.0f ms (mean of the"
                  + " first and latest thirds): the server's queue grows without bound",
              firstInFlight, inFlight, early, late);
    }
  }

  private String certainFailure() {
    if (plannedMeasured <= 0) {
      return null;
    }
    for (SummaryCheck check : slo) {
      String key = check.key();
      if (key.equals("failed_ratio") && failsAlready(check, (double) failed / plannedMeasured)) {
        return String.format(
            Locale.ROOT, "%s cannot hold: %d of the %d measured requests failed already", check, failed,
            plannedMeasured);
      }
      if (key.equals("failed") && failsAlready(check, failed)) {
        return check + " cannot hold: " + failed + " requests failed already";
      }
    }
    int mostValues = plannedMeasured - failed;
    for (PercentileClause c : percentiles) {
      // numpy's linear percentile over n sorted values reads the values at floor and ceil of (n - 1) q / 100; when
      // both are among the values at or over the threshold, so is the percentile. More values only move that index
      // up, so checking the most values the step can still give makes the verdict certain.
      int n = mostValues;
      if (n <= 0) {
        continue;
      }
      // Same operation order as numpy and Distribution.percentile ((q / 100) * (n - 1)): the other order rounds
      // differently for some q and n (p58 of 51 values), which would claim a failure the percentile does not show.
      int lowerIndex = (int) Math.floor((c.percentile / 100.0) * (n - 1));
      if (c.atOrOver >= n - lowerIndex) {
        return String.format(
            Locale.ROOT, "%s cannot hold: %d of at most %d %s values are over %s ms already", c.check,
            c.atOrOver, n, c.metric.toUpperCase(Locale.ROOT),
            java.math.BigDecimal.valueOf(c.check.threshold()).stripTrailingZeros().toPlainString());
      }
    }
    return null;
  }

  /** Whether a count that can only grow already breaks an upper-bound clause (a lower bound cannot be decided so). */
  private static boolean failsAlready(SummaryCheck check, double soFar) {
    return switch (check.operator()) {
      case LT -> soFar >= check.threshold();
      case LE, EQ -> soFar > check.threshold();
      default -> false;
    };
  }

  private void remember(double ttftMs) {
    pendingSum += ttftMs;
    if (++pendingCount < ttftBlock) {
      return;
    }
    if (ttftCount == ttfts.length) {
      for (int i = 0; i < ttfts.length / 2; i++) {
        ttfts[i] = (ttfts[2 * i] + ttfts[2 * i + 1]) / 2;
      }
      ttftCount = ttfts.length / 2;
      ttftBlock *= 2;
    }
    ttfts[ttftCount++] = pendingSum / pendingCount;
    pendingSum = 0;
    pendingCount = 0;
  }

  private double mean(int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += ttfts[i];
    }
    return to > from ? sum / (to - from) : Double.NaN;
  }
}
