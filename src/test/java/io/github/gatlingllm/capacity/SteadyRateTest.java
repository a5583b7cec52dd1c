package io.github.gatlingllm.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SteadyRateTest {
  private static final long MS = 1_000_000L;

  @Test
  void evenlySpacedCompletionsGiveTheirRateExactly() {
    SteadyRate rate = new SteadyRate(0);
    for (int i = 0; i < 50; i++) {
      rate.add(1_000 * MS + i * 25 * MS); // one every 25 ms from t = 1 s
    }
    assertEquals(40.0, rate.perSecond(), 1e-9);
  }

  @Test
  void waveAfterWaveTheSlopeIsTheBatchRateWhereverTheWindowCutsTheWaves() {
    // 8 slots finishing together every 191 ms: 41.88 req/s. A count over a 1.6 s window holds 8 or 9 waves (40 or 45
    // req/s) depending on where the window starts; the slope through the staircase stays within 4 % of the truth.
    double truth = 8 / 0.191;
    for (int phaseMs = 0; phaseMs < 191; phaseMs += 7) {
      SteadyRate rate = new SteadyRate(0);
      for (long t = phaseMs * MS; t <= 1_600 * MS; t += 191 * MS) {
        for (int slot = 0; slot < 8; slot++) {
          rate.add(t);
        }
      }
      double perSecond = rate.perSecond();
      assertTrue(Math.abs(perSecond / truth - 1) < 0.04, "phase " + phaseMs + " ms: " + perSecond);
    }
  }

  @Test
  void tooFewCompletionsOrOneInstantGiveNoRate() {
    SteadyRate rate = new SteadyRate(0);
    rate.add(MS);
    rate.add(2 * MS);
    assertTrue(Double.isNaN(rate.perSecond()), "two completions");
    SteadyRate together = new SteadyRate(0);
    for (int i = 0; i < 8; i++) {
      together.add(5 * MS);
    }
    assertTrue(Double.isNaN(together.perSecond()), "one wave at one instant has no slope");
  }
}
