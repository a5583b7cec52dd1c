package io.github.gatlingllm.suite.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.capacity.BracketSearch;
import io.github.gatlingllm.capacity.PlannedStep;
import io.github.gatlingllm.capacity.SearchDimension;
import io.github.gatlingllm.capacity.StepLoad;
import io.github.gatlingllm.capacity.StepPhase;
import io.github.gatlingllm.capacity.StepPlanner;
import io.github.gatlingllm.capacity.SweepPlan;
import io.github.gatlingllm.report.SummaryCheck;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CapacitySettingsTest {
  private static final String SLO = "p99_ttft_ms<500;p99_tpot_ms<50;failed_ratio<0.01";

  static CapacitySettings settings(String... pairs) {
    Properties p = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      p.setProperty(pairs[i], pairs[i + 1]);
    }
    return CapacitySettings.from(LlmProperties.of(p, CapacitySettings.PROPERTIES));
  }

  static String error(String... pairs) {
    return assertThrows(IllegalArgumentException.class, () -> settings(pairs)).getMessage();
  }

  @Test
  void defaults() {
    CapacitySettings s = settings("llm.slo", SLO);
    assertEquals(SummaryCheck.parseAll(SLO), s.slo());
    assertEquals(Optional.empty(), s.sweep());
    assertEquals(4, s.sweepRates());
    assertEquals(SearchDimension.RATE, s.dimension());
    assertEquals(1, s.start());
    assertEquals(0.05, s.precision());
    assertEquals(12, s.maxSteps());
    assertEquals(1, s.repeats());
    assertEquals(Duration.ofSeconds(30), s.stepDuration());
    assertEquals(OptionalInt.empty(), s.stepRequests());
    assertEquals(0.2, s.warmUpShare());
    assertEquals(1024, s.maxInFlight());
    assertTrue(s.describe().startsWith("Capacity search by rate from 1.0 req/s"), s.describe());
    assertTrue(s.describe().contains("at most 12 steps (1 repeat)"), s.describe());
  }

  @Test
  void everyKnobIsRead() {
    CapacitySettings s = settings(
        "llm.slo", "p99_ttft_ms<800",
        "llm.searchDimension", "Concurrency",
        "llm.searchStart", "4",
        "llm.searchPrecision", "0.1",
        "llm.searchMaxSteps", "20",
        "llm.searchRepeats", "2",
        "llm.stepRequests", "300",
        "llm.stepWarmUp", "0",
        "llm.searchMaxInFlight", "64");
    assertEquals(SearchDimension.CONCURRENCY, s.dimension());
    assertEquals(4, s.start());
    assertEquals(0.1, s.precision());
    assertEquals(20, s.maxSteps());
    assertEquals(2, s.repeats());
    assertEquals(OptionalInt.of(300), s.stepRequests());
    assertEquals(0, s.warmUpShare());
    assertEquals(64, s.maxInFlight());
    assertTrue(s.describe().contains("steps of 300 requests"), s.describe());
    assertEquals(Duration.ofMillis(1500), settings("llm.slo", SLO, "llm.stepDuration", "1500ms").stepDuration());
  }

  @Test
  void theSloIsRequiredUnlessASweep() {
    String e = error();
    assertTrue(e.contains("-Dllm.slo="), e);
    assertTrue(e.contains("-Dllm.sweep="), e);
    CapacitySettings sweep = settings("llm.sweep", "auto");
    assertEquals(Optional.of("auto"), sweep.sweep());
    assertTrue(sweep.slo().isEmpty());
    assertEquals("Sweep auto: steps of 30.0 s", sweep.describe());
    CapacitySettings judged = settings("llm.sweep", "rates:1,2", "llm.slo", "p99_ttft_ms<500");
    assertTrue(judged.describe().endsWith("judged on [p99_ttft_ms<500]"), judged.describe());
  }

  @Test
  void aStepIsADurationOrRequestsNotBoth() {
    String e = error("llm.slo", SLO, "llm.stepDuration", "10s", "llm.stepRequests", "100");
    assertTrue(e.contains("llm.stepDuration") && e.contains("llm.stepRequests") && e.contains("not both"), e);
  }

  @Test
  void theServingLoadKnobsAreUnknownHere() {
    String e = error("llm.slo", SLO, "llm.requestRate", "5");
    assertTrue(e.startsWith("Unknown property llm.requestRate"), e);
    assertFalse(CapacitySettings.PROPERTIES.contains("llm.requestRate"));
    for (String decided : List.of("llm.maxConcurrency", "llm.numWarmups")) {
      String m = error("llm.slo", SLO, decided, "3");
      assertTrue(m.contains("Unknown property " + decided), m);
    }
    // The serving benchmark's other knobs are known.
    assertTrue(CapacitySettings.PROPERTIES.contains("llm.numPrompts"));
    assertTrue(CapacitySettings.PROPERTIES.contains("llm.burstiness"));
    String typo = error("llm.slo", SLO, "llm.searchPrecison", "0.1");
    assertTrue(typo.contains("did you mean llm.searchPrecision?"), typo);
  }

  @Test
  void badValuesAreNamed() {
    String dimension = error("llm.slo", SLO, "llm.searchDimension", "sideways");
    assertTrue(dimension.startsWith("Invalid value 'sideways' for llm.searchDimension: expected rate"), dimension);
    String sweep = error("llm.sweep", "rates:1,x");
    assertTrue(sweep.startsWith("Invalid value 'rates:1,x' for llm.sweep: expected auto"), sweep);
    String kind = error("llm.sweep", "linear:1,2");
    assertTrue(kind.startsWith("Invalid value 'linear:1,2' for llm.sweep"), kind);
    for (String bad : List.of("1.5", "0", "1", "-0.1", "abc", "NaN")) {
      String precision = error("llm.slo", SLO, "llm.searchPrecision", bad);
      assertTrue(precision.startsWith("Invalid value '" + bad + "' for llm.searchPrecision"), precision);
    }
    String slo = error("llm.slo", "p99_ttft_ms~500");
    assertTrue(slo.startsWith("Invalid value 'p99_ttft_ms~500' for llm.slo"), slo);
    String start = error("llm.slo", SLO, "llm.searchStart", "0");
    assertTrue(start.startsWith("Invalid value '0' for llm.searchStart"), start);
    String steps = error("llm.slo", SLO, "llm.searchMaxSteps", "1");
    assertTrue(steps.startsWith("Invalid value '1' for llm.searchMaxSteps"), steps);
    String warmUp = error("llm.slo", SLO, "llm.stepWarmUp", "0.95");
    assertTrue(warmUp.startsWith("Invalid value '0.95' for llm.stepWarmUp"), warmUp);
    String duration = error("llm.slo", SLO, "llm.stepDuration", "0");
    assertTrue(duration.startsWith("Invalid value '0' for llm.stepDuration"), duration);
    String requests = error("llm.slo", SLO, "llm.stepRequests", "0");
    assertTrue(requests.startsWith("Invalid value '0' for llm.stepRequests"), requests);
    String rates = error("llm.sweep", "auto", "llm.sweepRates", "0");
    assertTrue(rates.startsWith("Invalid value '0' for llm.sweepRates"), rates);
  }

  @Test
  void stepsBuildTheSearch() {
    StepPlanner rate = settings("llm.slo", SLO, "llm.searchMaxSteps", "9", "llm.searchStart", "2.5").steps().planner();
    assertInstanceOf(BracketSearch.class, rate);
    assertEquals(9, rate.maxSteps());
    assertEquals(SearchDimension.RATE, rate.dimension());
    assertEquals(new PlannedStep(StepLoad.rate(2.5), StepPhase.BRACKET), rate.next(List.of()).orElseThrow());
    assertEquals(SummaryCheck.parseAll(SLO), rate.conclude(List.of()).slo());

    StepPlanner users = settings("llm.slo", SLO, "llm.searchDimension", "concurrency", "llm.searchStart", "8")
        .steps().planner();
    assertEquals(SearchDimension.CONCURRENCY, users.dimension());
    assertEquals(12, users.maxSteps());
    assertEquals(new PlannedStep(StepLoad.concurrency(8), StepPhase.BRACKET), users.next(List.of()).orElseThrow());

    // The client's pool is the concurrency ceiling: a start above it is refused, naming both.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> settings("llm.slo", SLO, "llm.searchDimension", "concurrency", "llm.searchStart", "128",
            "llm.searchMaxInFlight", "64").steps().planner());
    assertTrue(e.getMessage().contains("the ceiling 64.0 is below the start 128.0"), e.getMessage());
    // A fractional concurrency start is named.
    e = assertThrows(IllegalArgumentException.class,
        () -> settings("llm.slo", SLO, "llm.searchDimension", "concurrency", "llm.searchStart", "1.5")
            .steps().planner());
    assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    // Too few steps for the repeats.
    e = assertThrows(IllegalArgumentException.class,
        () -> settings("llm.slo", SLO, "llm.searchMaxSteps", "3", "llm.searchRepeats", "2").steps().planner());
    assertTrue(e.getMessage().contains("maxSteps 3 with 2 repeats"), e.getMessage());
  }

  @Test
  void stepsBuildTheSweep() {
    StepPlanner auto = settings("llm.sweep", "auto", "llm.sweepRates", "6").steps().planner();
    assertInstanceOf(SweepPlan.class, auto);
    assertEquals(8, auto.maxSteps());
    assertEquals(new PlannedStep(StepLoad.concurrency(1), StepPhase.SYNCHRONOUS), auto.next(List.of()).orElseThrow());

    StepPlanner users = settings("llm.sweep", "concurrency:1,8,32").steps().planner();
    assertEquals(3, users.maxSteps());
    assertEquals(SearchDimension.CONCURRENCY, users.dimension());

    StepPlanner rates = settings("llm.sweep", "rates:1,2", "llm.slo", "p99_ttft_ms<500").steps().planner();
    assertEquals(2, rates.maxSteps());
    assertEquals(SummaryCheck.parseAll("p99_ttft_ms<500"), rates.conclude(List.of()).slo());
  }
}
