package io.github.gatlingllm.javaapi;

import io.github.gatlingllm.metrics.RampUp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

  @Test
  void lastArrivalLandsAtNOverRateAndTimesNeverDecrease() {
    double[] arrivals = ArrivalSchedule.gamma(1000, 20, 1.0, 0);
    assertEquals(1000, arrivals.length);
    assertEquals(50.0, arrivals[999], 1e-9);
    for (int i = 1; i < arrivals.length; i++) {
      assertTrue(arrivals[i] >= arrivals[i - 1]);
    }
    assertTrue(arrivals[0] > 0, "the first request also waits one gap, as in vLLM");
  }

  @Test
  void sameSeedSameScheduleOtherSeedOtherSchedule() {
    assertArrayEquals(ArrivalSchedule.gamma(50, 5, 1, 7), ArrivalSchedule.gamma(50, 5, 1, 7));
    assertTrue(ArrivalSchedule.gamma(50, 5, 1, 7)[0] != ArrivalSchedule.gamma(50, 5, 1, 8)[0]);
  }

  /** Gamma(k, 1) has mean k and variance k: checks the sampler for a shape below and above 1. */
  @Test
  void standardGammaHasTheRightMeanAndVariance() {
    for (double shape : new double[] {0.5, 1.0, 4.0}) {
      SplittableRandom random = new SplittableRandom(42);
      int n = 200_000;
      double sum = 0;
      double sumSquares = 0;
      for (int i = 0; i < n; i++) {
        double x = ArrivalSchedule.standardGamma(shape, random);
        sum += x;
        sumSquares += x * x;
      }
      double mean = sum / n;
      double variance = sumSquares / n - mean * mean;
      // standard error of the mean is sqrt(k/n) < 0.005 here; 0.02 is four of them and more
      assertEquals(shape, mean, 0.02, "mean for shape " + shape);
      assertEquals(shape, variance, 0.05 * shape + 0.02, "variance for shape " + shape);
    }
  }

  @Test
  void higherBurstinessIsMoreRegular() {
    double poissonCv = gapCoefficientOfVariation(ArrivalSchedule.gamma(20_000, 10, 1.0, 3));
    double regularCv = gapCoefficientOfVariation(ArrivalSchedule.gamma(20_000, 10, 16.0, 3));
    assertEquals(1.0, poissonCv, 0.05); // exponential gaps: CV 1
    assertEquals(0.25, regularCv, 0.02); // Gamma(16): CV 1/sqrt(16)
  }

  private static double gapCoefficientOfVariation(double[] arrivals) {
    double sum = 0;
    double sumSquares = 0;
    for (int i = 0; i < arrivals.length; i++) {
      double gap = arrivals[i] - (i == 0 ? 0 : arrivals[i - 1]);
      sum += gap;
      sumSquares += gap * gap;
    }
    double mean = sum / arrivals.length;
    return Math.sqrt(sumSquares / arrivals.length - mean * mean) / mean;
  }

  /**
   * A linear ramp: the gaps are drawn with each request's own rate, so the mean gap over a window of requests is the
   * inverse of the rate there (checked at the start, middle and end of the ramp), and nothing is rescaled.
   */
  @Test
  void linearRampGapsFollowThePerRequestRate() {
    int n = 300_000;
    RampUp ramp = RampUp.linear(10, 100);
    double[] arrivals = ArrivalSchedule.ramp(n, ramp, 1.0, 5);
    assertEquals(n, arrivals.length);
    int window = 20_000;
    for (int from : new int[] {0, n / 2 - window / 2, n - window}) {
      double gapSum = 0;
      double inverseRateSum = 0;
      for (int i = from; i < from + window; i++) {
        gapSum += arrivals[i] - (i == 0 ? 0 : arrivals[i - 1]);
        inverseRateSum += 1 / ramp.rateAt(i, n);
      }
      // exponential gaps: relative standard error of a mean of 20,000 is 1/sqrt(20,000) = 0.7%; allow 3%
      assertEquals(1.0, gapSum / inverseRateSum, 0.03, "mean gap vs 1/rate from request " + from);
    }
    double expectedEnd = 0;
    for (int i = 0; i < n; i++) {
      expectedEnd += 1 / ramp.rateAt(i, n);
    }
    assertEquals(1.0, arrivals[n - 1] / expectedEnd, 0.01, "no rescaling: the end is where the gaps put it");
  }

  @Test
  void exponentialRampRatesAtStartMiddleAndEnd() {
    int n = 1_000_001;
    RampUp ramp = RampUp.exponential(4, 64);
    double[] arrivals = ArrivalSchedule.ramp(n, ramp, 1.0, 9);
    int window = 20_000; // 2% of the ramp: the rate changes by 16^0.02 = 6% across it
    // at the start the rate is 4 req/s, in the middle 16 (4 * 16^0.5), at the end 64
    double[][] expectations = {{0, 4}, {(n - window) / 2.0, 16}, {n - window, 64}};
    for (double[] expectation : expectations) {
      int from = (int) expectation[0];
      double observedRate = window / (arrivals[from + window - 1] - (from == 0 ? 0 : arrivals[from - 1]));
      double inverseRates = 0;
      for (int i = from; i < from + window; i++) {
        inverseRates += 1 / ramp.rateAt(i, n);
      }
      double expectedRate = window / inverseRates;
      assertEquals(expectedRate, observedRate, 0.03 * expectedRate, "rate from request " + from);
      assertEquals(expectation[1], expectedRate, 0.05 * expectation[1], "nominal rate from request " + from);
    }
  }

  @Test
  void rampGapsArePoissonForBurstinessOne() {
    // on a flat stretch of a ramp (start == end) the gaps are exponential: CV 1; burstiness 16 gives CV 1/4
    assertEquals(1.0, gapCoefficientOfVariation(ArrivalSchedule.ramp(20_000, RampUp.linear(10, 10), 1.0, 3)), 0.05);
    assertEquals(0.25, gapCoefficientOfVariation(ArrivalSchedule.ramp(20_000, RampUp.linear(10, 10), 16, 3)), 0.02);
  }

  @Test
  void rampsAreSeeded() {
    RampUp ramp = RampUp.exponential(1, 8);
    assertArrayEquals(ArrivalSchedule.ramp(100, ramp, 1, 4), ArrivalSchedule.ramp(100, ramp, 1, 4));
    assertTrue(ArrivalSchedule.ramp(100, ramp, 1, 4)[0] != ArrivalSchedule.ramp(100, ramp, 1, 5)[0]);
  }

  @Test
  void afterEachStartsAtZeroWithExponentialGapsOfMeanOneOverRate() {
    double[] arrivals = ArrivalSchedule.afterEach(100_000, 20, 1);
    assertEquals(0.0, arrivals[0]);
    double meanGap = arrivals[arrivals.length - 1] / (arrivals.length - 1);
    assertEquals(0.05, meanGap, 0.05 * 0.02);
    double[] afterFirst = new double[arrivals.length - 1]; // arrivals[0] = 0: the gaps are the same
    for (int i = 1; i < arrivals.length; i++) {
      afterFirst[i - 1] = arrivals[i];
    }
    assertEquals(1.0, gapCoefficientOfVariation(afterFirst), 0.03);
    assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.afterEach(10, Double.POSITIVE_INFINITY, 0));
  }

  @Test
  void badArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.gamma(0, 1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.gamma(1, 0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.gamma(1, Double.POSITIVE_INFINITY, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.gamma(1, 1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.ramp(0, RampUp.linear(1, 2), 1, 0));
    assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.ramp(5, RampUp.linear(1, 2), 0, 0));
  }
}
