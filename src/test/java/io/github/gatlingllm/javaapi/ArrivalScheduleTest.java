package io.github.gatlingllm.javaapi;

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

  @Test
  void badArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.gamma(0, 1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.gamma(1, 0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.gamma(1, Double.POSITIVE_INFINITY, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.gamma(1, 1, 0, 0));
  }
}
