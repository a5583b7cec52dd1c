package io.github.gatlingllm.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.report.SummaryCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class SweepPlanTest {
  private static final List<SummaryCheck> SLO = SummaryCheck.parseAll("p99_ttft_ms<500");

  /** Runs the plan; each step completes {@code achieved(load)} requests per second (all at once: load 0). */
  static List<StepResult> run(StepPlanner plan, DoubleUnaryOperator achieved) {
    List<StepResult> done = new ArrayList<>();
    while (true) {
      Optional<PlannedStep> next = plan.next(done);
      if (next.isEmpty()) {
        return done;
      }
      assertTrue(done.size() < plan.maxSteps(), "beyond maxSteps");
      done.add(CapacityResults.achieved(done.size() + 1, next.get(), achieved.applyAsDouble(next.get().load().value())));
    }
  }

  static List<StepLoad> loads(List<StepResult> steps) {
    return steps.stream().map(StepResult::load).toList();
  }

  @Test
  void givenRatesRunInOrder() {
    SweepPlan plan = SweepPlan.parse("rates:1,2,4", 4, SLO);
    assertEquals(SearchDimension.RATE, plan.dimension());
    assertEquals(3, plan.maxSteps());
    List<StepResult> done = run(plan, load -> load);
    assertEquals(List.of(StepLoad.rate(1), StepLoad.rate(2), StepLoad.rate(4)), loads(done));
    assertTrue(done.stream().allMatch(s -> s.phase() == StepPhase.SWEEP));
    CapacityResult result = plan.conclude(done);
    assertEquals(CapacityResult.Mode.SWEEP, result.mode());
    assertNull(result.capacity());
    assertEquals(SLO, result.slo());
    assertEquals(3, result.steps().size());
    assertEquals(3, CapacityFacts.of(result).get(CapacityFacts.CAPACITY_STEPS));
    assertEquals(1, CapacityFacts.of(result).size(), "a sweep has no capacity keys");
  }

  @Test
  void givenConcurrenciesRunInOrder() {
    SweepPlan plan = SweepPlan.parse("concurrency:1,8,32", 4, List.of());
    assertEquals(SearchDimension.CONCURRENCY, plan.dimension());
    assertEquals(3, plan.maxSteps());
    List<StepResult> done = run(plan, load -> load);
    assertEquals(List.of(StepLoad.concurrency(1), StepLoad.concurrency(8), StepLoad.concurrency(32)), loads(done));
    assertTrue(plan.conclude(done).slo().isEmpty());
  }

  @Test
  void parsingIsLenientOnCaseSpacesAndEmptyParts() {
    SweepPlan plan = SweepPlan.parse("  RATES: 0.5 , 2.5,,8 ", 4, SLO);
    assertEquals(List.of(StepLoad.rate(0.5), StepLoad.rate(2.5), StepLoad.rate(8)), loads(run(plan, l -> l)));
    assertEquals(4 + 2, SweepPlan.parse(" Auto ", 4, SLO).maxSteps());
  }

  @Test
  void badInputsNameTheBadPart() {
    assertMessage("Invalid sweep 'linear:1,2': expected auto, rates:", () -> SweepPlan.parse("linear:1,2", 4, SLO));
    assertMessage("Invalid sweep '1,2,4'", () -> SweepPlan.parse("1,2,4", 4, SLO));
    assertMessage("'abc' is not a number", () -> SweepPlan.parse("rates:1,abc,4", 4, SLO));
    assertMessage("'inf' is not a number", () -> SweepPlan.parse("rates:1,inf", 4, SLO));
    assertMessage("request rate must be a finite number > 0, got -2.0", () -> SweepPlan.parse("rates:1,-2", 4, SLO));
    assertMessage("got 0.0", () -> SweepPlan.parse("rates:0", 4, SLO));
    assertMessage("concurrency must be a whole number >= 1, got 1.5",
        () -> SweepPlan.parse("concurrency:1,1.5", 4, SLO));
    assertMessage("got 0.0", () -> SweepPlan.parse("concurrency:0,1", 4, SLO));
    assertMessage("no level after 'rates:'", () -> SweepPlan.parse("rates:", 4, SLO));
    assertMessage("no level after 'concurrency:'", () -> SweepPlan.parse("concurrency: , ", 4, SLO));
    assertMessage("at least 1 interpolated rate, got 0", () -> SweepPlan.parse("auto", 0, SLO));
    assertMessage("at least one level", () -> SweepPlan.levels(List.of(), SLO));
    assertMessage("all rates or all concurrencies",
        () -> SweepPlan.levels(List.of(StepLoad.rate(1), StepLoad.concurrency(2)), SLO));
    assertMessage("all rates or all concurrencies", () -> SweepPlan.levels(List.of(StepLoad.allAtOnce()), SLO));
  }

  @Test
  void autoRunsSynchronousThenThroughputThenRatesEvenlyBetween() {
    SweepPlan plan = SweepPlan.auto(4, SLO);
    assertEquals(SearchDimension.RATE, plan.dimension());
    assertEquals(6, plan.maxSteps());
    // Synchronous completes 2 req/s, all at once 12 req/s: 4 rates strictly between, 2 req/s apart.
    List<StepResult> done = run(plan, load -> load == 0 ? 12 : load == 1 ? 2 : 0.9 * load);
    assertEquals(6, done.size());
    assertEquals(new PlannedStep(StepLoad.concurrency(1), StepPhase.SYNCHRONOUS),
        new PlannedStep(done.get(0).load(), done.get(0).phase()));
    assertEquals(new PlannedStep(StepLoad.allAtOnce(), StepPhase.THROUGHPUT),
        new PlannedStep(done.get(1).load(), done.get(1).phase()));
    double[] expected = {4, 6, 8, 10};
    for (int i = 0; i < 4; i++) {
      StepResult s = done.get(2 + i);
      assertEquals(StepPhase.SWEEP, s.phase());
      assertEquals(StepLoad.Kind.RATE, s.load().kind());
      assertEquals(expected[i], s.load().value(), 1e-12);
    }
    assertTrue(plan.next(done).isEmpty());
  }

  @Test
  void autoSpreadsBetweenTheSteadyWindowRatesWhenTheStepsHaveThem() {
    SweepPlan plan = SweepPlan.auto(1, List.of());
    StepResult sync = CapacityResults.achieved(1, plan.next(List.of()).orElseThrow(), 2);
    StepResult atOnce = CapacityResults.achieved(2, plan.next(List.of(sync)).orElseThrow(), 6);
    // All at once, its queue drained after the step's end: 6 req/s overall, 10 req/s in its steady window.
    StepResult windowed = new StepResult(atOnce.number(), atOnce.scenario(), atOnce.load(), atOnce.phase(),
        atOnce.summary(), atOnce.keys(), atOnce.checks(), atOnce.passed(), atOnce.stoppedEarly(),
        atOnce.plannedRequests(), atOnce.sentRequests(), 10);
    assertEquals(10, windowed.achievedRequestRate());
    assertEquals(4, plan.next(List.of(sync, atOnce)).orElseThrow().load().value(), 1e-12);
    assertEquals(6, plan.next(List.of(sync, windowed)).orElseThrow().load().value(), 1e-12);
  }

  @Test
  void autoWithOneRateTakesTheMiddle() {
    SweepPlan plan = SweepPlan.auto(1, List.of());
    List<StepResult> done = run(plan, load -> load == 0 ? 9 : load == 1 ? 3 : load);
    assertEquals(3, done.size());
    assertEquals(6, done.get(2).load().value(), 1e-12);
    assertEquals(3, plan.maxSteps());
  }

  @Test
  void autoStopsWhenTheSynchronousStepCompletedNothing() {
    SweepPlan plan = SweepPlan.auto(4, SLO);
    List<StepResult> done = run(plan, load -> load == 0 ? 12 : 0.0);
    assertEquals(2, done.size(), "synchronous and throughput only");
  }

  @Test
  void autoStopsWhenThroughputIsNotAboveSynchronous() {
    SweepPlan plan = SweepPlan.auto(4, SLO);
    assertEquals(2, run(plan, load -> 5).size(), "the same rate at once");
    assertEquals(2, run(plan, load -> load == 0 ? 4 : 5).size(), "slower at once");
  }

  @Test
  void theLevelsAreTheMaxSteps() {
    SweepPlan plan = SweepPlan.parse("rates:1,2,3,4,5,6,7", 4, SLO);
    assertEquals(7, plan.maxSteps());
    assertEquals(7, run(plan, l -> l).size());
    assertEquals(12, SweepPlan.auto(10, SLO).maxSteps());
    assertEquals(12, run(SweepPlan.auto(10, SLO), load -> load == 0 ? 100 : load == 1 ? 1 : load).size());
  }

  static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
