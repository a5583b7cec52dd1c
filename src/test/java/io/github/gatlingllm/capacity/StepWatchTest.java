package io.github.gatlingllm.capacity;

import static io.github.gatlingllm.metrics.TestRecords.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.metrics.Distribution;
import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;
import io.github.gatlingllm.report.SummaryCheck;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The step watch on synthetic records and fake clock readings (nanoseconds given by the test). */
class StepWatchTest {
  private static final long SECOND = 1_000_000_000L;

  /** A successful request: first chunk at {@code ttftMs}, last at {@code e2elMs}, {@code out} output tokens. */
  static RequestRecord ok(double ttftMs, double e2elMs, int out) {
    RequestRecord r = new RequestRecord("chat");
    r.intended(ms(0));
    r.sent(ms(0));
    r.chunk(ms(ttftMs));
    if (e2elMs > ttftMs) {
      r.chunk(ms(e2elMs));
    }
    r.outputTokens(out, TokenSource.USAGE);
    r.httpStatus(200);
    r.ended(ms(e2elMs + 1));
    return r;
  }

  static RequestRecord ttft(double ms) {
    return ok(ms, ms + 100, 10);
  }

  static RequestRecord failed() {
    RequestRecord r = new RequestRecord("chat");
    r.intended(ms(0));
    r.sent(ms(0));
    r.httpStatus(503);
    r.failed(ErrorCategory.HTTP_STATUS, "Service Unavailable");
    r.ended(ms(20));
    return r;
  }

  static StepWatch watch(String slo, int plannedMeasured, boolean open) {
    return new StepWatch(SummaryCheck.parseAll(slo), plannedMeasured, open);
  }

  // ------------------------------------------------------------------------------------------------ failed requests

  @Test
  void failedRatioStopsOnceTheFailuresReachTheShareOfThePlannedRequests() {
    StepWatch w = watch("failed_ratio<0.01", 200, true);
    for (int i = 0; i < 150; i++) {
      w.add(ttft(50));
    }
    w.add(failed());
    assertNull(w.reason(), "1 of 200 is 0.5 %");
    w.add(failed());
    assertEquals("failed_ratio<0.01 cannot hold: 2 of the 200 measured requests failed already", w.reason());

    StepWatch w250 = watch("failed_ratio<0.01", 250, true);
    w250.add(failed());
    w250.add(failed());
    assertNull(w250.reason(), "2 of 250 is 0.8 %");
    w250.add(failed());
    assertNotNull(w250.reason());
  }

  @Test
  void failedRatioAtMostAndFailedCounts() {
    StepWatch le = watch("failed_ratio<=0.01", 200, true);
    le.add(failed());
    le.add(failed());
    assertNull(le.reason(), "exactly 1 % still holds a <= clause");
    le.add(failed());
    assertNotNull(le.reason());

    StepWatch lt = watch("failed<3", 100, false);
    lt.add(failed());
    lt.add(failed());
    assertNull(lt.reason());
    lt.add(failed());
    assertEquals("failed<3 cannot hold: 3 requests failed already", lt.reason());

    StepWatch none = watch("failed==0", 100, false);
    none.add(failed());
    assertNotNull(none.reason(), "failed==0 is broken by the first failure");
  }

  @Test
  void aDecisionStaysOnceTaken() {
    StepWatch w = watch("failed<1", 100, true);
    w.add(failed());
    String reason = w.reason();
    assertNotNull(reason);
    for (int i = 0; i < 100; i++) {
      w.add(ttft(1));
    }
    w.sample(10 * SECOND, 1000, 10 * SECOND, 1024, true);
    assertEquals(reason, w.reason());
  }

  // ---------------------------------------------------------------------------------------------------- percentiles

  /**
   * The fewest values at the threshold among {@code n} (the others as low as can be: 0) for numpy's linear percentile
   * to reach the threshold, by brute force with {@link Distribution}.
   */
  static int fewestOver(int n, double percentile, double threshold) {
    for (int k = 0; k <= n; k++) {
      double[] values = new double[n];
      Arrays.fill(values, n - k, n, threshold);
      if (Distribution.ofMillis(values).percentile(percentile) >= threshold) {
        return k;
      }
    }
    throw new AssertionError("never");
  }

  @Test
  void aPercentileStopsExactlyWhenNoRemainingRequestCanSaveIt() {
    int[] sizes = new int[300];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = i + 1;
    }
    for (double p : new double[] {50, 58, 90, 95, 99, 99.9}) {
      String key = "p" + java.math.BigDecimal.valueOf(p).stripTrailingZeros().toPlainString() + "_ttft_ms";
      for (int n : sizes) {
        int k = fewestOver(n, p, 100);
        StepWatch w = watch(key + "<100", n, true);
        for (int i = 0; i < k - 1; i++) {
          w.add(ttft(100)); // at the threshold: over it for a < clause
        }
        assertNull(w.reason(), key + " n=" + n + ": stopped with " + (k - 1) + " values over, brute force needs " + k);
        w.add(ttft(100));
        assertNotNull(w.reason(), key + " n=" + n + ": did not stop with " + k + " values over");
      }
    }
  }

  @Test
  void theBoundaryMatchesNumpyWhereFloatingPointRoundingDiffers() {
    // (n - 1) * p / 100 and (p / 100) * (n - 1) differ in their last bit for these: numpy uses the latter.
    for (int[] pn : new int[][] {{58, 51}, {58, 101}, {29, 101}, {57, 101}}) {
      double p = pn[0];
      int n = pn[1];
      int k = fewestOver(n, p, 100);
      StepWatch w = watch("p" + pn[0] + "_ttft_ms<100", n, true);
      for (int i = 0; i < k - 1; i++) {
        w.add(ttft(100));
      }
      double[] values = new double[n];
      Arrays.fill(values, n - (k - 1), n, 100);
      assertNull(w.reason(), "p" + pn[0] + " n=" + n + ": stopped though the percentile can still be "
          + Distribution.ofMillis(values).percentile(p));
      w.add(ttft(100));
      assertNotNull(w.reason());
    }
    // p99.99 over 10001 values.
    int n = 10_001;
    int k = fewestOver(n, 99.99, 100);
    StepWatch w = watch("p99.99_ttft_ms<100", n, true);
    for (int i = 0; i < k - 1; i++) {
      w.add(ttft(100));
    }
    assertNull(w.reason());
    w.add(ttft(100));
    assertNotNull(w.reason());
  }

  @Test
  void thePercentileReasonSaysHowMany() {
    StepWatch w = watch("p99_ttft_ms<100", 100, true);
    w.add(ttft(150));
    assertNull(w.reason());
    w.add(ttft(150));
    assertEquals("p99_ttft_ms<100 cannot hold: 2 of at most 100 TTFT values are over 100 ms already", w.reason());
  }

  @Test
  void valuesUnderTheThresholdDoNotCount() {
    StepWatch w = watch("p99_ttft_ms<100", 100, true);
    for (int i = 0; i < 99; i++) {
      w.add(ttft(99.9));
    }
    w.add(ttft(100));
    assertNull(w.reason(), "one value over it of 100: the p99 interpolates below it");
  }

  @Test
  void anAtMostClauseCountsOnlyValuesAboveIt() {
    StepWatch w = watch("p99_ttft_ms<=100", 10, true);
    for (int i = 0; i < 10; i++) {
      w.add(ttft(100));
    }
    assertNull(w.reason(), "p99 = 100 holds p99_ttft_ms<=100");
    StepWatch over = watch("p99_ttft_ms<=100", 10, true);
    over.add(ttft(100.5));
    assertNull(over.reason());
    over.add(ttft(100.5));
    assertNotNull(over.reason());
  }

  @Test
  void failuresLowerTheMostValuesTheStepCanGive() {
    // The median of 100 values needs 51 of them at or over it; of 61 values (39 failed), 31; of 62, 32.
    StepWatch w = watch("p50_ttft_ms<100", 100, true);
    for (int i = 0; i < 31; i++) {
      w.add(ttft(200));
    }
    assertNull(w.reason());
    for (int i = 0; i < 38; i++) {
      w.add(failed());
    }
    assertEquals(32, fewestOver(62, 50, 100));
    assertNull(w.reason(), "62 values at most: 31 over do not make the median");
    w.add(failed());
    assertEquals(31, fewestOver(61, 50, 100));
    assertEquals("p50_ttft_ms<100 cannot hold: 31 of at most 61 TTFT values are over 100 ms already", w.reason());
  }

  @Test
  void tpotNeedsMoreThanOneOutputToken() {
    // p99 of 10 values: (0.99 * 9) = 8.91, ranks 8 and 9: 2 over it.
    StepWatch w = watch("p99_tpot_ms<100", 10, true);
    for (int i = 0; i < 5; i++) {
      w.add(ok(10, 10_000, 1)); // one token: no TPOT
    }
    assertNull(w.reason());
    w.add(ok(10, 10 + 2 * 150, 3)); // TPOT 150 ms
    assertNull(w.reason());
    w.add(ok(10, 10 + 2 * 99, 3)); // TPOT 99 ms: under
    assertNull(w.reason());
    w.add(ok(10, 10 + 4 * 100, 5)); // TPOT 100 ms: at the threshold
    assertEquals("p99_tpot_ms<100 cannot hold: 2 of at most 10 TPOT values are over 100 ms already", w.reason());
  }

  @Test
  void e2elIsWatchedToo() {
    int n = 40;
    int k = fewestOver(n, 90, 1000);
    StepWatch w = watch("p90_e2el_ms<1000", n, true);
    for (int i = 0; i < 20; i++) {
      w.add(ok(900, 999, 10)); // TTFT high, E2EL under
    }
    for (int i = 0; i < k - 1; i++) {
      w.add(ok(10, 1000, 10));
    }
    assertNull(w.reason());
    w.add(ok(10, 2000, 10));
    assertTrue(w.reason().contains("E2EL values"), w.reason());
  }

  @Test
  void meansAndLowerBoundsNeverStopEarly() {
    StepWatch w =
        watch("mean_ttft_ms<100;median_ttft_ms<100;p99_ttft_ms>100;request_throughput>5;failed_ratio>0.5;"
            + "output_throughput>=100", 20, true);
    for (int i = 0; i < 20; i++) {
      w.add(ttft(10_000));
    }
    for (int i = 0; i < 20; i++) {
      w.add(failed());
    }
    assertNull(w.reason());
  }

  @Test
  void anUnknownPlannedCountDisablesTheCertainRules() {
    StepWatch w = watch("failed_ratio<0.01;failed<1;p99_ttft_ms<100;p50_e2el_ms<10", -1, false);
    for (int i = 0; i < 1000; i++) {
      w.add(failed());
      w.add(ttft(10_000));
    }
    assertNull(w.reason());
  }

  // ------------------------------------------------------------------------------------------------ over-saturation

  @Test
  void lateArrivalsStopAnOpenStepOnly() {
    StepWatch open = watch("p99_ttft_ms<500", 100, true);
    open.sample(0, 1024, SECOND, 1024, false);
    assertNull(open.reason(), "exactly 1 s late is not over the limit");
    open.sample(SECOND / 2, 1024, SECOND + 1, 1024, false);
    assertEquals(
        "over-saturated: arrivals fell 1.0 s behind their schedule with 1024 requests in flight (the client's most,"
            + " llm.searchMaxInFlight): the server does not keep up",
        open.reason());

    StepWatch closed = watch("p99_ttft_ms<500", 100, false);
    closed.sample(0, 1024, 60 * SECOND, 1024, true);
    assertNull(closed.reason(), "a closed step has no schedule to fall behind");
  }

  /** Feeds {@code count} TTFTs of {@code ms}. */
  static void feed(StepWatch w, int count, double ms) {
    RequestRecord r = ttft(ms);
    for (int i = 0; i < count; i++) {
      w.add(r);
    }
  }

  @Test
  void aGrowingQueueWithGrowingTtftStops() {
    StepWatch w = watch("p99_ttft_ms<100000", -1, true);
    long t0 = 7 * SECOND; // the clock's origin is arbitrary
    w.sample(t0 - SECOND, 100, 0, 1024, false); // warm-up: not the trend's start
    w.sample(t0, 10, 0, 1024, true);
    feed(w, 30, 100);
    feed(w, 30, 250);
    w.sample(t0 + 3 * SECOND, 60, 0, 1024, true);
    assertNull(w.reason(), "under 5 s of samples");
    w.sample(t0 + 5 * SECOND - 1, 60, 0, 1024, true);
    assertNull(w.reason(), "just under 5 s");
    w.sample(t0 + 5 * SECOND, 26, 0, 1024, true);
    assertNull(w.reason(), "growth 16 is not over max(16, 10)");
    w.sample(t0 + 6 * SECOND, 27, 0, 1024, true);
    assertEquals(
        "over-saturated: requests in flight grew from 10 to 27 and the TTFT from 100 ms to 250 ms (mean of the first"
            + " and latest thirds): the server's queue grows without bound",
        w.reason());
  }

  @Test
  void theGrowthMustExceedTheFirstInFlightCount() {
    StepWatch w = watch("p99_ttft_ms<100000", -1, true);
    w.sample(0, 40, 0, 1024, true);
    feed(w, 30, 100);
    feed(w, 30, 300);
    w.sample(10 * SECOND, 80, 0, 1024, true);
    assertNull(w.reason(), "growth 40 is not over 40");
    w.sample(11 * SECOND, 81, 0, 1024, true);
    assertNotNull(w.reason());
  }

  @Test
  void aGrowingQueueWithSteadyTtftGoesOn() {
    StepWatch w = watch("p99_ttft_ms<100000", -1, true);
    w.sample(0, 10, 0, 1024, true);
    feed(w, 30, 100);
    feed(w, 30, 200); // exactly twice: not over
    w.sample(10 * SECOND, 500, 0, 1024, true);
    assertNull(w.reason());
  }

  @Test
  void tooFewTtftsNoTrend() {
    StepWatch w = watch("p99_ttft_ms<100000", -1, true);
    w.sample(0, 10, 0, 1024, true);
    feed(w, 2, 10);
    feed(w, 3, 1000);
    w.sample(10 * SECOND, 500, 0, 1024, true);
    assertNull(w.reason(), "5 TTFTs are too few for a trend");
    feed(w, 1, 1000);
    w.sample(11 * SECOND, 500, 0, 1024, true);
    assertNotNull(w.reason());
  }

  @Test
  void aStableStepIsNeverStopped() {
    StepWatch w = watch("p99_ttft_ms<500;failed_ratio<0.01", 100_000, true);
    long t = 0;
    for (int s = 0; s < 600; s++) {
      feed(w, 100, 80 + (s % 7)); // steady, with a little jitter
      w.sample(t, 30 + (s % 5), 200_000_000L, 1024, true);
      t += SECOND / 2;
    }
    assertNull(w.reason());
  }

  @Test
  void aClosedStepIsNeverStoppedByTheTrend() {
    StepWatch w = watch("p99_ttft_ms<100000", -1, false);
    w.sample(0, 10, 0, 1024, true);
    feed(w, 30, 100);
    feed(w, 30, 1000);
    w.sample(10 * SECOND, 1000, 0, 1024, true);
    assertNull(w.reason());
  }

  @Test
  void aMillionRecordsInFixedMemoryStillShowTheTrend() throws Exception {
    StepWatch w = watch("p99_ttft_ms<100000", -1, true);
    w.sample(0, 10, 0, 1024, true);
    feed(w, 500_000, 100);
    w.sample(6 * SECOND, 10, 0, 1024, true);
    assertNull(w.reason(), "steady so far");
    feed(w, 500_000, 400);
    var field = StepWatch.class.getDeclaredField("ttfts");
    field.setAccessible(true);
    assertEquals(1024, ((double[]) field.get(w)).length, "the TTFT memory is fixed");
    w.sample(7 * SECOND, 100, 0, 1024, true);
    assertNotNull(w.reason());
    assertTrue(w.reason().contains("the TTFT from 100 ms to 400 ms"), w.reason());
  }

  @Test
  void theCertainRulesGoOnThroughManyRecords() {
    StepWatch w = watch("p99_ttft_ms<500", 1_000_000, true);
    feed(w, 989_990, 100);
    feed(w, 10_000, 600);
    assertNull(w.reason());
    w.add(ttft(600)); // 10 001 over of at most 1 000 000: 0.99 * 999 999 = 989 999.01, ranks from 989 999
    assertNotNull(w.reason());
    assertTrue(List.of(w.reason()).get(0).contains("10001 of at most 1000000"), w.reason());
  }
}
