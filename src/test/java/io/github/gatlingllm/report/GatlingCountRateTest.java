package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Gatling's Cnt/s divisor recovered from the page, and its number format. */
class GatlingCountRateTest {
  @Test
  void formatsLikeGatlingsTable() {
    assertEquals("35", GatlingCountRate.format(35));
    assertEquals("17.5", GatlingCountRate.format(17.5));
    assertEquals("14.29", GatlingCountRate.format(100.0 * 5 / 35));
    assertEquals("0.28", GatlingCountRate.format(1000.0 / 3600));
    assertEquals("1234567", GatlingCountRate.format(1234567), "no grouping separator");
    assertEquals("0.12", GatlingCountRate.format(0.125), "half-even, DecimalFormat's default");
  }

  @Test
  void theDivisorIsTheShownDurationPlusOneUnlessTheSpanIsWholeSeconds() {
    // the GatedChat sample: "1s" shown, 70 requests at 35/s: 1.x s, Gatling divides by 2
    assertEquals(2, GatlingCountRate.durationSeconds(OptionalLong.of(1), 70, "35"));
    // "0s": a span under a second, divided by 1
    assertEquals(1, GatlingCountRate.durationSeconds(OptionalLong.of(0), 70, "70"));
    // exactly 3 s: only 3 reproduces 23.33
    assertEquals(3, GatlingCountRate.durationSeconds(OptionalLong.of(3), 70, "23.33"));
    // a long run where both divisors print the same rate: the likely one (f + 1)
    assertEquals(3601, GatlingCountRate.durationSeconds(OptionalLong.of(3600), 1000, "0.28"));
  }

  @Test
  void withoutTheRunInformationTheDivisorComesFromTheAllRequestsRate() {
    assertEquals(2, GatlingCountRate.durationSeconds(OptionalLong.empty(), 70, "35"));
    assertEquals(3, GatlingCountRate.durationSeconds(OptionalLong.empty(), 70, "23.33"));
    assertEquals(1, GatlingCountRate.durationSeconds(OptionalLong.empty(), 70, "?"));
  }

  @Test
  void rateIsTheCountOverTheDivisor() {
    assertEquals("13", GatlingCountRate.rate(26, 2));
    assertEquals("0.5", GatlingCountRate.rate(1, 2));
  }
}
