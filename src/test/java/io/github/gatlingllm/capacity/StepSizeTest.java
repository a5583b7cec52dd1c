package io.github.gatlingllm.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StepSizeTest {

  @Test
  void aRateStepSendsRateTimesDuration() {
    StepSize size = StepSize.of(Duration.ofSeconds(30), 0.2);
    assertEquals(300, size.requestsAt(StepLoad.rate(10)));
    assertEquals(31, size.requestsAt(StepLoad.rate(1.01)), "ceil(30.3)");
    assertEquals(75, size.requestsAt(StepLoad.rate(2.5)));
    assertEquals(60, size.warmUpsOf(300));
  }

  @Test
  void aWholeProductIsNotRoundedUpByFloatingPoint() {
    // 1.1 * 100 is 110.00000000000001 in doubles, 0.7 * 10 is 7.000000000000001: still 110 and 70 requests.
    assertEquals(110, StepSize.of(Duration.ofSeconds(100), 0).requestsAt(StepLoad.rate(1.1)));
    assertEquals(70, StepSize.of(Duration.ofSeconds(100), 0).requestsAt(StepLoad.rate(0.7)));
    assertEquals(111, StepSize.of(Duration.ofMillis(100_001), 0).requestsAt(StepLoad.rate(1.1)), "ceil(110.0011)");
  }

  @Test
  void aRateStepMeasuresAtLeastTen() {
    StepSize size = StepSize.of(Duration.ofSeconds(30), 0.2);
    assertEquals(13, size.requestsAt(StepLoad.rate(0.1)), "3 planned, but 13 - 2 warm-ups = 11 measured");
    assertEquals(10, StepSize.of(Duration.ofSeconds(1), 0).requestsAt(StepLoad.rate(0.5)));
    for (int permille = 0; permille <= 900; permille++) {
      double share = permille / 1000.0;
      StepSize s = StepSize.of(Duration.ofSeconds(10), share);
      for (double rate : new double[] {0.01, 0.3, 1, 1.7}) {
        int total = s.requestsAt(StepLoad.rate(rate));
        assertTrue(total - s.warmUpsOf(total) >= StepSize.MIN_MEASURED,
            "share " + share + " rate " + rate + ": " + total + " requests, " + s.warmUpsOf(total) + " warm-ups");
        assertTrue(total >= Math.ceil(rate * 10 - 1e-9));
      }
    }
  }

  @Test
  void aConcurrencyOrAllAtOnceStepOfADurationHasNoCountInAdvance() {
    StepSize size = StepSize.of(Duration.ofSeconds(30), 0.2);
    assertEquals(-1, size.requestsAt(StepLoad.concurrency(8)));
    assertEquals(-1, size.requestsAt(StepLoad.allAtOnce()));
    assertEquals(6_000_000_000L, size.warmUpNanos());
  }

  @Test
  void aStepOfRequestsSendsThemWhateverTheLoad() {
    StepSize size = StepSize.of(200, 0.25);
    assertEquals(200, size.requestsAt(StepLoad.rate(0.1)));
    assertEquals(200, size.requestsAt(StepLoad.rate(1000)));
    assertEquals(200, size.requestsAt(StepLoad.concurrency(64)));
    assertEquals(200, size.requestsAt(StepLoad.allAtOnce()));
    assertEquals(50, size.warmUpsOf(200));
    assertEquals(0, size.warmUpNanos());
    assertNull(size.duration());
  }

  @Test
  void warmUpsAreRoundedDown() {
    StepSize size = StepSize.of(7, 0.2);
    assertEquals(1, size.warmUpsOf(7));
    assertEquals(0, size.warmUpsOf(4));
    assertEquals(0, StepSize.of(100, 0).warmUpsOf(100));
    assertEquals(90, StepSize.of(100, 0.9).warmUpsOf(100));
  }

  @Test
  void itDescribesItself() {
    assertEquals("30.0 s per step, the first 20 % warming up", StepSize.of(Duration.ofSeconds(30), 0.2).toString());
    assertEquals("200 requests per step", StepSize.of(200, 0).toString());
  }

  @Test
  void validationNamesTheBadValue() {
    assertMessage("not both nor neither", () -> new StepSize(Duration.ofSeconds(1), 10, 0.2));
    assertMessage("not both nor neither", () -> new StepSize(null, 0, 0.2));
    assertMessage("duration must be > 0, got PT0S", () -> StepSize.of(Duration.ZERO, 0.2));
    assertMessage("duration must be > 0, got PT-1S", () -> StepSize.of(Duration.ofSeconds(-1), 0.2));
    assertMessage("requests must be >= 1, got -5", () -> StepSize.of(-5, 0.2));
    assertMessage("between 0 and 0.9, got 0.95", () -> StepSize.of(100, 0.95));
    assertMessage("between 0 and 0.9, got -0.1", () -> StepSize.of(100, -0.1));
    assertMessage("got NaN", () -> StepSize.of(100, Double.NaN));
  }

  static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
