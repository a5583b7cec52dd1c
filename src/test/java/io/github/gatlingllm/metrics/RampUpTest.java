package io.github.gatlingllm.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RampUpTest {

  @Test
  void linearRateGoesFromStartToEndOverTheRequestIndex() {
    RampUp ramp = RampUp.linear(2, 10);
    assertEquals(2.0, ramp.rateAt(0, 101), 1e-12);
    assertEquals(6.0, ramp.rateAt(50, 101), 1e-12); // progress 50/100
    assertEquals(10.0, ramp.rateAt(100, 101), 1e-12);
  }

  @Test
  void exponentialRateGrowsByTheSameFactorPerStep() {
    RampUp ramp = RampUp.exponential(1, 100);
    assertEquals(1.0, ramp.rateAt(0, 101), 1e-12);
    assertEquals(10.0, ramp.rateAt(50, 101), 1e-9); // 1 * 100^0.5
    assertEquals(100.0, ramp.rateAt(100, 101), 1e-9);
  }

  @Test
  void aSingleRequestRunsAtTheStartRate() {
    // vLLM's progress is i / max(n - 1, 1): 0 for the only request
    assertEquals(3.0, RampUp.linear(3, 9).rateAt(0, 1), 1e-12);
  }

  @Test
  void vllmsRulesAreEnforced() {
    assertThrows(IllegalArgumentException.class, () -> RampUp.linear(0, 10));
    assertThrows(IllegalArgumentException.class, () -> RampUp.exponential(0, 10));
    assertThrows(IllegalArgumentException.class, () -> RampUp.linear(-1, 10));
    assertThrows(IllegalArgumentException.class, () -> RampUp.linear(1, Double.POSITIVE_INFINITY));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RampUp.linear(10, 5));
    assertTrue(e.getMessage().contains("must not be above the end rate"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RampUp(null, 1, 2));
  }

  @Test
  void strategiesParseByVllmsNames() {
    assertEquals(RampUp.Strategy.LINEAR, RampUp.Strategy.parse("linear"));
    assertEquals(RampUp.Strategy.EXPONENTIAL, RampUp.Strategy.parse(" Exponential "));
    assertEquals("exponential", RampUp.Strategy.EXPONENTIAL.id());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RampUp.Strategy.parse("step"));
    assertTrue(e.getMessage().contains("'step'") && e.getMessage().contains("linear or exponential"));
  }
}
