package io.github.gatlingllm.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the loads of several measured populations add up in one summary, and what is never claimed. */
class LoadDescriptionTest {
  private static final LoadDescription TEN = LoadDescription.atRate(100, 10, 1, "a");
  private static final LoadDescription FIVE = LoadDescription.atRate(50, 5, 1, "b");
  private static final LoadDescription AT_ONCE = LoadDescription.atRate(20, Double.POSITIVE_INFINITY, 1, "c");

  @Test
  void oneLoadIsItself() {
    assertSame(TEN, LoadDescription.combine(List.of(TEN)));
  }

  @Test
  void finiteRatesGiveNoSingleRate() {
    // side by side or chained with andThen: the run cannot tell, so neither the sum nor either rate is claimed
    LoadDescription both = LoadDescription.combine(List.of(TEN, FIVE));
    assertEquals(150, both.numPrompts());
    assertNull(both.requestRate());
    assertEquals(1.0, both.burstiness());
    assertFalse(both.complete());
  }

  @Test
  void loadsAllAtOnceStayAtOnce() {
    LoadDescription both = LoadDescription.combine(List.of(AT_ONCE, AT_ONCE));
    assertEquals(40, both.numPrompts());
    assertEquals(Double.POSITIVE_INFINITY, both.requestRate());
  }

  @Test
  void aFiniteRateBesideAnInfiniteOneOrARampHasNoSingleRate() {
    LoadDescription mixed = LoadDescription.combine(List.of(TEN, AT_ONCE));
    assertEquals(120, mixed.numPrompts());
    assertNull(mixed.requestRate());
    assertTrue(mixed.text().endsWith("no single request rate (request_rate null)"), mixed.text());
    LoadDescription ramp = LoadDescription.ramped(30, RampUp.linear(1, 5), 1, "r");
    assertNull(LoadDescription.combine(List.of(ramp, ramp)).requestRate());
    assertNull(LoadDescription.combine(List.of(ramp, ramp)).rampUp());
  }

  @Test
  void differentBurstinessesHaveNone() {
    LoadDescription regular = LoadDescription.atRate(10, 2, 4, "d");
    assertNull(LoadDescription.combine(List.of(TEN, regular)).burstiness());
  }

  @Test
  void anUndescribedPopulationMakesTheWholeRunUndescribed() {
    LoadDescription withPlain = LoadDescription.combine(List.of(TEN, LoadDescription.NOT_DESCRIBED));
    assertEquals(0, withPlain.numPrompts(), "the requests recorded are counted instead");
    assertNull(withPlain.requestRate());
    assertNull(withPlain.burstiness());
    assertFalse(withPlain.complete());
    assertSame(LoadDescription.NOT_DESCRIBED, LoadDescription.combine(List.of()));
  }

  @Test
  void aRampIsReportedWithAnInfiniteRateOnly() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new LoadDescription(5, 2.0, 1.0, RampUp.linear(1, 2), "x"));
    assertEquals("a ramped load's request rate is inf (vLLM's convention), got 2.0", e.getMessage());
  }

  @Test
  void theRunDescriptionCountsTheRecordedRequestsWhenTheLoadFixesNone() {
    RunDescription run =
        new RunDescription("openai", null, null, "m", null, LoadDescription.NOT_DESCRIBED, 37, null, 0);
    assertEquals(37, run.numPrompts());
    assertNull(run.requestRate());
    assertFalse(run.finiteRate());
    RunDescription described = new RunDescription("openai", null, null, "m", null, TEN, 37, null, 0);
    assertEquals(100, described.numPrompts());
    assertEquals(10.0, described.requestRate());
  }
}
