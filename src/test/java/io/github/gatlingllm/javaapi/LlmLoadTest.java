package io.github.gatlingllm.javaapi;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.github.gatlingllm.LlmDsl.chat;
import static io.github.gatlingllm.LlmDsl.poisson;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.core.protocol.Protocol;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.github.gatlingllm.metrics.LoadDescription;
import io.github.gatlingllm.metrics.RampUp;
import io.github.gatlingllm.protocol.LoadProtocol;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** One load object: what it injects and what it says it injected come from the same numbers. */
class LlmLoadTest {
  private static final ScenarioBuilder ASK = scenario("ask").exec(chat("ask").prompt("hi").maxTokens(4));

  @Test
  void poissonArrivalsAreVllmsScheduleAndDescribedWithTheirRate() {
    LlmLoad load = poisson(20).perSecond(10).seed(3);
    assertArrayEquals(ArrivalSchedule.gamma(20, 10, 1, 3), load.arrivalSeconds());
    assertEquals(2.0, load.arrivalSeconds()[19], 1e-12, "the last arrival lands at n / rate");
    LoadDescription d = load.description();
    assertEquals(20, d.numPrompts());
    assertEquals(10.0, d.requestRate());
    assertEquals(1.0, d.burstiness());
    assertNull(d.rampUp());
    assertEquals("20 requests, Poisson arrivals at 10.0 req/s (seed 3)", d.text());
  }

  @Test
  void gammaRampAndLlmOnRayDrawsUseTheirOwnSchedules() {
    assertArrayEquals(
        ArrivalSchedule.gamma(50, 5, 4, 0), LlmLoad.gamma(50, 4).perSecond(5).arrivalSeconds());
    RampUp ramp = RampUp.linear(1, 20);
    LlmLoad ramped = LlmLoad.gamma(50, 2).ramp(ramp).seed(7);
    assertArrayEquals(ArrivalSchedule.ramp(50, ramp, 2, 7), ramped.arrivalSeconds());
    assertEquals(Double.POSITIVE_INFINITY, ramped.description().requestRate(), "vLLM writes inf for a ramp");
    assertEquals(ramp, ramped.description().rampUp());
    assertEquals(2.0, ramped.description().burstiness());
    assertArrayEquals(
        ArrivalSchedule.afterEach(50, 5, 1), poisson(50).perSecondLikeLlmOnRay(5).seed(1).arrivalSeconds());
    assertEquals(5.0, poisson(50).perSecondLikeLlmOnRay(5).description().requestRate());
  }

  @Test
  void atOnceAndTheClosedModelAreDescribedAsVllmsInfiniteRate() {
    LoadDescription atOnce = LlmLoad.requests(30).atOnce().description();
    assertEquals(30, atOnce.numPrompts());
    assertEquals(Double.POSITIVE_INFINITY, atOnce.requestRate());
    assertEquals(1.0, atOnce.burstiness());
    // vLLM writes its --burstiness whatever the rate: a gamma load sent at once keeps it
    assertEquals(4.0, LlmLoad.gamma(30, 4).atOnce().description().burstiness());
    LoadDescription closed = LlmLoad.concurrency(4).requests(40).description();
    assertEquals(40, closed.numPrompts());
    assertEquals(Double.POSITIVE_INFINITY, closed.requestRate());
    assertTrue(closed.text().contains("4 users"), closed.text());
  }

  @Test
  void aReplayedTraceCountsItsArrivalsNamesItselfAndClaimsNoRate() {
    LoadDescription d = LlmLoad.replay("mooncake-sample.jsonl", 10, 0, 0.1, 0.1, 2.1).description();
    assertEquals(4, d.numPrompts());
    assertNull(d.requestRate(), "a trace has no single rate");
    assertNull(d.burstiness());
    assertEquals(
        "trace mooncake-sample.jsonl replayed at 10x: 4 requests over 2.1 s (mean 1.43 req/s), no single rate"
            + " (request_rate null)",
        d.text());
  }

  @Test
  void aReplayRefusesAnEmptyWindowABadSpeedupAndOffsetsOutOfOrder() {
    assertEquals("the trace 't' has no request to replay (check its window)",
        assertThrows(IllegalArgumentException.class, () -> LlmLoad.replay("t", 1)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LlmLoad.replay("t", 0, 1.0)).getMessage()
        .contains("speed-up must be a finite number > 0, got 0.0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LlmLoad.replay("t", 1, 0, 2, 1)).getMessage()
        .contains("arrival 2 is 1.0 after 2.0"));
  }

  @Test
  void usersOnASchedulePromiseNoRequestCountNorRate() {
    LoadDescription d = LlmLoad.users(0, 0.5, 2).description();
    assertEquals(0, d.numPrompts());
    assertNull(d.requestRate());
    assertNull(d.burstiness());
    assertArrayEquals(new double[] {0, 0.5, 2}, LlmLoad.users(0, 0.5, 2).arrivalSeconds());
  }

  @Test
  void theInjectedPopulationKeepsTheScenarioNameAndCarriesItsDescription() {
    LlmLoad load = poisson(20).perSecond(10);
    PopulationBuilder population = load.inject(ASK);
    io.gatling.core.structure.PopulationBuilder scala = population.asScala();
    assertEquals("ask", scala.scenarioBuilder().name());
    assertEquals(20L, scala.injectionProfile().totalUserCount().get());
    // the wait for the arrival (a session hook and a pause) comes before the scenario's own action
    assertEquals(3, scala.scenarioBuilder().actionBuilders().size());
    assertEquals(load.description(), description(population));
  }

  @Test
  void atOnceInjectsTheScenarioAsItIsAndTheClosedModelLoopsOnIt() {
    PopulationBuilder atOnce = LlmLoad.requests(7).atOnce().inject(ASK);
    assertEquals(7L, atOnce.asScala().injectionProfile().totalUserCount().get());
    assertEquals(1, atOnce.asScala().scenarioBuilder().actionBuilders().size());
    assertEquals(7, description(atOnce).numPrompts());

    PopulationBuilder closed = LlmLoad.concurrency(3).requests(12).inject(ASK);
    assertEquals("ask", closed.asScala().scenarioBuilder().name());
    assertEquals(3L, closed.asScala().injectionProfile().totalUserCount().get(), "one user per slot");
    assertEquals(12, description(closed).numPrompts());
    assertEquals(
        2L, LlmLoad.concurrency(5).requests(2).inject(ASK).asScala().injectionProfile().totalUserCount().get(),
        "never more users than requests");
  }

  @Test
  void everyLevelOfTheConcurrencyStepsIsDescribed() {
    PopulationBuilder steps =
        LlmLoad.concurrencySteps(1, 4)
            .records(List.of(Map.of("prompt", "hello")))
            .exec(chat("ask").prompt("#{prompt}"))
            .build();
    assertEquals(10, description(steps).numPrompts());
    io.gatling.core.structure.PopulationBuilder next = steps.asScala().children().head().head();
    assertEquals(10, description(new PopulationBuilder(next)).numPrompts());
  }

  @Test
  void badValuesAreRefusedNamingTheValue() {
    assertMessage("the number of requests must be >= 1, got 0", () -> poisson(0));
    assertMessage("the request rate must be a finite number > 0, got 0.0", () -> poisson(5).perSecond(0));
    assertMessage(
        "the request rate must be a finite number > 0, got Infinity",
        () -> poisson(5).perSecond(Double.POSITIVE_INFINITY));
    assertMessage("burstiness must be a finite number > 0, got -1.0", () -> LlmLoad.gamma(5, -1));
    assertMessage("the number of concurrent users must be >= 1, got 0", () -> LlmLoad.concurrency(0));
    assertMessage("the number of requests must be >= 1, got 0", () -> LlmLoad.concurrency(2).requests(0));
    assertMessage(
        "LLM-on-Ray draws Poisson arrivals only: use poisson(n), not a burstiness of 2.0",
        () -> LlmLoad.gamma(5, 2).perSecondLikeLlmOnRay(1));
    assertMessage(
        "Arrival times must be non-decreasing seconds from the start: arrival 1 is 0.5 after 1.0",
        () -> LlmLoad.users(1, 0.5));
  }

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  private static LoadDescription description(PopulationBuilder population) {
    Map<Class<? extends Protocol>, Protocol> protocols =
        scala.jdk.javaapi.CollectionConverters.asJava(population.asScala().scenarioProtocols());
    return ((LoadProtocol) protocols.get(LoadProtocol.KEY.protocolClass())).description();
  }
}
