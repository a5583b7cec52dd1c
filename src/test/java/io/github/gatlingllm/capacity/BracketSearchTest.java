package io.github.gatlingllm.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.report.SummaryCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The search driven by simulated servers: a function from the load (and the how-many-th run of it) to the actual values
 * of the SLO keys. No clock, no socket: the planner only sees judged steps.
 */
class BracketSearchTest {
  private static final List<SummaryCheck> TTFT = SummaryCheck.parseAll("p99_ttft_ms<=500");
  private static final List<SummaryCheck> TPOT = SummaryCheck.parseAll("p99_tpot_ms<50");
  private static final List<SummaryCheck> TWO = SummaryCheck.parseAll("p99_ttft_ms<500;p99_tpot_ms<50");

  /** A simulated server: the actual values at a load, on its {@code run}-th run (from 1). */
  interface Server {
    Map<String, Double> actual(double load, int run);

    /** Why the step was stopped early, or null. */
    default String stopped(double load, int run) {
      return null;
    }
  }

  /** A server whose P99 TTFT is proportional to the load: 500 ms (the limit, inclusive) exactly at {@code c}. */
  static Server linearTtft(double c) {
    return (load, run) -> Map.of("p99_ttft_ms", 500 * load / c);
  }

  /** TPOT flat at 5 ms (margin 0.1) up to {@code c}, then far over the limit: the hockey stick. */
  static Server hockeyStick(double c) {
    return (load, run) -> Map.of("p99_tpot_ms", load <= c ? 5.0 : 5000.0);
  }

  /** Runs the planner against the server until it stops, checking that it never asks for more than maxSteps. */
  static List<StepResult> run(StepPlanner planner, List<SummaryCheck> slo, Server server) {
    List<StepResult> done = new ArrayList<>();
    Map<Double, Integer> runs = new HashMap<>();
    while (true) {
      Optional<PlannedStep> next = planner.next(done);
      if (next.isEmpty()) {
        break;
      }
      assertTrue(done.size() < planner.maxSteps(), "asked for a step beyond maxSteps: " + loads(done));
      PlannedStep p = next.get();
      double load = p.load().value();
      int run = runs.merge(load, 1, Integer::sum);
      done.add(CapacityResults.judged(done.size() + 1, p.load(), p.phase(), slo, server.actual(load, run),
          server.stopped(load, run)));
      assertTrue(done.size() <= 1000, "the search does not end");
    }
    return done;
  }

  static BracketSearch rate(double start, double precision, int maxSteps, int repeats, List<SummaryCheck> slo) {
    return new BracketSearch(SearchDimension.RATE, start, precision, maxSteps, repeats, Double.POSITIVE_INFINITY, slo);
  }

  static List<Double> loads(List<StepResult> steps) {
    return steps.stream().map(s -> s.load().value()).toList();
  }

  static List<StepPhase> phases(List<StepResult> steps) {
    return steps.stream().map(StepResult::phase).toList();
  }

  /** A step judged on {@code slo} with the given actual values, clause by clause. */
  static StepResult step(int n, double load, StepPhase phase, List<SummaryCheck> slo, double... actual) {
    Map<String, Double> keys = new LinkedHashMap<>();
    for (int i = 0; i < slo.size(); i++) {
      keys.put(slo.get(i).key(), actual[i]);
    }
    return CapacityResults.judged(n, StepLoad.rate(load), phase, slo, keys, null);
  }

  // ---------------------------------------------------------------------------------------------------- bracketing

  @Test
  void bracketsUpExponentiallyFromTheStart() {
    BracketSearch search = rate(1, 0.05, 12, 1, TTFT);
    List<StepResult> done = run(search, TTFT, linearTtft(10));
    assertEquals(List.of(1.0, 2.0, 4.0, 8.0, 16.0), loads(done).subList(0, 5));
    assertEquals(List.of(StepPhase.BRACKET, StepPhase.BRACKET, StepPhase.BRACKET, StepPhase.BRACKET,
        StepPhase.BRACKET), phases(done).subList(0, 5));
    assertTrue(done.subList(0, 4).stream().allMatch(StepResult::passed));
    assertFalse(done.get(4).passed());
    assertEquals(StepPhase.NARROW, done.get(5).phase(), "narrowing follows the first failure");
  }

  @Test
  void halvesDownWhenTheStartFails() {
    BracketSearch search = rate(64, 0.05, 12, 1, TTFT);
    List<StepResult> done = run(search, TTFT, linearTtft(10));
    assertEquals(List.of(64.0, 32.0, 16.0, 8.0), loads(done).subList(0, 4));
    assertTrue(phases(done).subList(0, 4).stream().allMatch(p -> p == StepPhase.BRACKET));
    assertTrue(done.get(3).passed());
    assertEquals(StepPhase.NARROW, done.get(4).phase());
    CapacityResult.Capacity c = search.conclude(done).capacity();
    assertTrue(c.low() <= 10 && c.high() > 10, c.toString());
  }

  @Test
  void theFirstStepIsTheStartAndAnEmptyRunHasNoCapacity() {
    BracketSearch search = rate(3.5, 0.05, 12, 1, TTFT);
    assertEquals(new PlannedStep(StepLoad.rate(3.5), StepPhase.BRACKET), search.next(List.of()).orElseThrow());
    CapacityResult r = search.conclude(List.of());
    assertEquals(CapacityResult.Mode.SEARCH, r.mode());
    assertFalse(r.capacity().bounded());
    assertEquals("no step ran", r.capacity().verdict());
  }

  @Test
  void aRateSearchGoesDownTo1024thOfTheStartAndNoFurther() {
    BracketSearch search = rate(1, 0.05, 40, 1, TTFT);
    List<StepResult> done = run(search, TTFT, (load, run) -> Map.of("p99_ttft_ms", 10_000.0));
    assertEquals(11, done.size(), loads(done).toString());
    assertEquals(1.0 / 1024, done.get(10).load().value());
    CapacityResult.Capacity c = search.conclude(done).capacity();
    assertTrue(Double.isNaN(c.low()));
    assertEquals(1.0 / 1024, c.high());
    assertFalse(c.bounded());
    assertTrue(Double.isNaN(c.relativeWidth()));
    assertTrue(c.verdict().startsWith("capacity below 0.0009766 req/s: every step failed"), c.verdict());
    assertTrue(c.verdict().contains("llm.searchStart"), c.verdict());
    assertFalse(CapacityFacts.of(search.conclude(done)).containsKey(CapacityFacts.CAPACITY_RPS));
    assertFalse(CapacityFacts.of(search.conclude(done)).containsKey(CapacityFacts.CAPACITY_LOW));
    assertEquals(1.0 / 1024, CapacityFacts.of(search.conclude(done)).get(CapacityFacts.CAPACITY_HIGH));
  }

  @Test
  void aConcurrencySearchGoesDownToOneUser() {
    BracketSearch search =
        new BracketSearch(SearchDimension.CONCURRENCY, 5, 0.05, 12, 1, 1024, TTFT);
    List<StepResult> done = run(search, TTFT, (load, run) -> Map.of("p99_ttft_ms", 10_000.0));
    assertEquals(List.of(5.0, 3.0, 2.0, 1.0), loads(done));
    assertTrue(search.conclude(done).capacity().verdict().startsWith("capacity below 1 users"));
  }

  // ----------------------------------------------------------------------------------------------------- narrowing

  @Test
  void rateNarrowingStopsAtThePrecisionAndNotBefore() {
    double precision = 0.03;
    BracketSearch search = rate(1, precision, 40, 1, TTFT);
    // A linear curve (interpolated) and a hockey stick (bisected).
    for (Server server : List.of(linearTtft(13.7), (Server) (load, run) -> Map.of("p99_ttft_ms",
        load <= 13.7 ? 50.0 : 5000.0))) {
      List<StepResult> done = run(search, TTFT, server);
      for (int i = 0; i < done.size(); i++) {
        if (done.get(i).phase() == StepPhase.NARROW) {
          CapacityResult.Capacity before = search.conclude(done.subList(0, i)).capacity();
          assertTrue(before.relativeWidth() > precision, "narrowed an interval already narrow: " + before);
          double load = done.get(i).load().value();
          assertTrue(load > before.low() && load < before.high(), load + " outside " + before);
        }
      }
      CapacityResult.Capacity c = search.conclude(done).capacity();
      assertTrue(c.relativeWidth() <= precision, c.toString());
      assertTrue(c.low() <= 13.7 && c.high() > 13.7, c.toString());
      assertTrue(done.size() < 40, "stopped by the precision, not the budget: " + loads(done));
      assertEquals(StepPhase.REPEAT, done.get(done.size() - 1).phase());
      assertEquals(c.low(), done.get(done.size() - 1).load().value());
    }
  }

  @Test
  void concurrencyNarrowingTriesWholeUsersStrictlyInsideUntilTheyAreAdjacent() {
    BracketSearch search = new BracketSearch(SearchDimension.CONCURRENCY, 1, 0.001, 40, 1, 1024, TTFT);
    List<StepResult> done = run(search, TTFT, linearTtft(37));
    for (int i = 0; i < done.size(); i++) {
      double load = done.get(i).load().value();
      assertEquals(Math.rint(load), load, "a whole number of users");
      assertEquals(StepLoad.Kind.CONCURRENCY, done.get(i).load().kind());
      if (done.get(i).phase() == StepPhase.NARROW) {
        CapacityResult.Capacity before = search.conclude(done.subList(0, i)).capacity();
        assertTrue(before.high() - before.low() > 1, before.toString());
        assertTrue(load > before.low() && load < before.high(), load + " outside " + before);
      }
    }
    CapacityResult.Capacity c = search.conclude(done).capacity();
    assertEquals(37, c.low());
    assertEquals(38, c.high());
    assertEquals(1.0 / 37, c.relativeWidth(), 1e-12);
    assertEquals(StepPhase.REPEAT, done.get(done.size() - 1).phase());
    assertEquals(37, done.get(done.size() - 1).load().value());
    assertTrue(c.verdict().startsWith("capacity 37 users: passed at 37 users (2 runs), failed at 38 users"),
        c.verdict());
  }

  @Test
  void maxStepsIsNeverExceededAndTheLastStepsAreTheRepeatsOfTheLowEnd() {
    for (int maxSteps = 4; maxSteps <= 14; maxSteps++) {
      for (int repeats = 0; repeats <= 2 && repeats + 2 <= maxSteps; repeats++) {
        BracketSearch search = rate(4, 1e-6, maxSteps, repeats, TTFT);
        List<StepResult> done = run(search, TTFT, (load, run) -> Map.of("p99_ttft_ms", load <= 10 ? 50.0 : 5000.0));
        assertTrue(done.size() <= maxSteps);
        CapacityResult.Capacity c = search.conclude(done).capacity();
        assertTrue(c.bounded(), c.toString());
        // 4, 8 pass, 16 fails: bisecting to a precision of 1e-6 would go on; the budget ends it, keeping the repeats.
        assertEquals(maxSteps, done.size(), "maxSteps " + maxSteps + " repeats " + repeats + ": " + loads(done));
        // The bracket takes 3 steps: the repeats get whatever is left of the budget after it, up to all of them.
        int repeated = Math.min(repeats, maxSteps - 3);
        List<StepResult> last = done.subList(done.size() - repeated, done.size());
        for (StepResult s : last) {
          assertEquals(StepPhase.REPEAT, s.phase(), phases(done).toString());
          assertEquals(c.low(), s.load().value());
        }
        assertEquals(repeated + 1, done.stream().filter(s -> s.load().value() == c.low()).count());
        for (StepResult s : done.subList(3, done.size() - repeated)) {
          assertEquals(StepPhase.NARROW, s.phase(), "between the bracket and the repeats: " + phases(done));
        }
        assertTrue(c.low() <= 10 && c.high() > 10, c.toString());
      }
    }
  }

  @Test
  void theExactBudgetWithTwoRepeats() {
    BracketSearch search = rate(1, 0.05, 8, 2, TTFT);
    List<StepResult> done = run(search, TTFT, linearTtft(10));
    assertEquals(8, done.size());
    assertEquals(List.of(StepPhase.BRACKET, StepPhase.BRACKET, StepPhase.BRACKET, StepPhase.BRACKET,
        StepPhase.BRACKET, StepPhase.NARROW, StepPhase.REPEAT, StepPhase.REPEAT), phases(done));
    double low = search.conclude(done).capacity().low();
    assertEquals(low, done.get(6).load().value());
    assertEquals(low, done.get(7).load().value());
    assertTrue(search.next(done).isEmpty());
  }

  @Test
  void noRepeatsWhenAskedForNone() {
    BracketSearch search = rate(1, 0.05, 30, 0, TTFT);
    List<StepResult> done = run(search, TTFT, linearTtft(10));
    assertTrue(done.stream().noneMatch(s -> s.phase() == StepPhase.REPEAT), phases(done).toString());
    assertTrue(search.conclude(done).capacity().relativeWidth() <= 0.05);
  }

  // -------------------------------------------------------------------------------------------------------- repeats

  @Test
  void aFailedRepeatMakesTheLoadFlakyAndMovesTheIntervalDown() {
    List<StepResult> done = new ArrayList<>(List.of(
        step(1, 4, StepPhase.BRACKET, TTFT, 200),
        step(2, 8, StepPhase.BRACKET, TTFT, 400),
        step(3, 16, StepPhase.BRACKET, TTFT, 800),
        step(4, 10, StepPhase.NARROW, TTFT, 480),
        step(5, 10.5, StepPhase.NARROW, TTFT, 520),
        step(6, 10, StepPhase.REPEAT, TTFT, 510)));
    BracketSearch search = rate(4, 0.05, 12, 1, TTFT);
    CapacityResult.Capacity c = search.conclude(done).capacity();
    assertEquals(8, c.low(), "the next lower load that always passed");
    assertEquals(10, c.high(), "the flaky load is the lowest failing one now");
    assertEquals(List.of(10.0), c.flaky());
    assertTrue(c.verdict().contains("failed at 10 req/s"), c.verdict());
    // The search goes on below the flaky load: 8..10 is 25 % wide.
    PlannedStep next = search.next(done).orElseThrow();
    assertEquals(StepPhase.NARROW, next.phase());
    assertTrue(next.load().value() > 8 && next.load().value() < 10, next.toString());
  }

  @Test
  void aSimulatedFlakyLoadEndsBelowIt() {
    // Passes up to 10, except that every load above 9 fails its second run.
    Server flaky = (load, run) -> Map.of("p99_ttft_ms", load <= 10 && !(load > 9 && run >= 2) ? 400.0 : 600.0);
    BracketSearch search = rate(1, 0.05, 20, 1, TTFT);
    List<StepResult> done = run(search, TTFT, flaky);
    CapacityResult.Capacity c = search.conclude(done).capacity();
    assertFalse(c.flaky().isEmpty(), loads(done).toString());
    assertTrue(c.flaky().stream().allMatch(l -> l > 9 && l <= 10), c.flaky().toString());
    assertTrue(c.low() <= 9, c.toString());
    assertTrue(c.high() <= c.flaky().get(0), c.toString());
    assertTrue(done.stream().filter(s -> s.load().value() == c.low()).allMatch(StepResult::passed));
    assertEquals(2, done.stream().filter(s -> s.load().value() == c.low()).count(), "the low end was repeated");
    assertTrue(done.size() <= 20);
  }

  // -------------------------------------------------------------------------------------------------- interpolation

  @Test
  void theNextLoadIsInterpolatedFromTheBrokenClausesMargin() {
    BracketSearch search = rate(8, 0.05, 12, 1, TPOT);
    // Margins 0.8 at 8 and 1.6 at 16: 1 is reached a quarter of the way on a log scale.
    List<StepResult> done = List.of(step(1, 8, StepPhase.BRACKET, TPOT, 40), step(2, 16, StepPhase.BRACKET, TPOT, 80));
    assertEquals(8 * Math.pow(2, 0.25), search.next(done).orElseThrow().load().value(), 1e-9);
    // 0.6 -> 1.4: half way.
    done = List.of(step(1, 8, StepPhase.BRACKET, TPOT, 30), step(2, 16, StepPhase.BRACKET, TPOT, 70));
    assertEquals(8 * Math.sqrt(2), search.next(done).orElseThrow().load().value(), 1e-9);
    // 0.55 -> 1.05 (fraction 0.9): kept within the middle half, at 0.75.
    done = List.of(step(1, 8, StepPhase.BRACKET, TPOT, 27.5), step(2, 16, StepPhase.BRACKET, TPOT, 52.5));
    assertEquals(8 * Math.pow(2, 0.75), search.next(done).orElseThrow().load().value(), 1e-9);
    // 0.98 -> 5 (fraction 0.005): at 0.25.
    done = List.of(step(1, 8, StepPhase.BRACKET, TPOT, 49), step(2, 16, StepPhase.BRACKET, TPOT, 250));
    assertEquals(8 * Math.pow(2, 0.25), search.next(done).orElseThrow().load().value(), 1e-9);
  }

  @Test
  void theEarliestOfSeveralBrokenClausesWins() {
    BracketSearch search = rate(8, 0.05, 12, 1, TWO);
    // TTFT 0.6 -> 1.4 (fraction 0.5), TPOT 0.8 -> 1.2 (fraction 0.5)... make TPOT earlier: 0.9 -> 1.5 (1/6 -> 0.25)
    List<StepResult> done = List.of(
        step(1, 8, StepPhase.BRACKET, TWO, 300, 45), step(2, 16, StepPhase.BRACKET, TWO, 700, 75));
    assertEquals(8 * Math.pow(2, 0.25), search.next(done).orElseThrow().load().value(), 1e-9);
    // TTFT 0.6 -> 1.4 (0.5) and TPOT 0.6 -> 1.2 (0.667): 0.5.
    done = List.of(step(1, 8, StepPhase.BRACKET, TWO, 300, 30), step(2, 16, StepPhase.BRACKET, TWO, 700, 60));
    assertEquals(8 * Math.sqrt(2), search.next(done).orElseThrow().load().value(), 1e-9);
    // A clause that held at high does not count: TPOT 0.2 -> 0.3 (flat, but not broken), TTFT 0.8 -> 1.6 (0.25).
    done = List.of(step(1, 8, StepPhase.BRACKET, TWO, 400, 10), step(2, 16, StepPhase.BRACKET, TWO, 800, 15));
    assertEquals(8 * Math.pow(2, 0.25), search.next(done).orElseThrow().load().value(), 1e-9);
  }

  @Test
  void aFlatMarginOrAStepStoppedEarlyFallsBackToTheGeometricMiddle() {
    BracketSearch search = rate(8, 0.05, 12, 1, TPOT);
    // Flat: 0.1 at 8 (under 0.5), exploding at 16.
    List<StepResult> done = List.of(step(1, 8, StepPhase.BRACKET, TPOT, 5), step(2, 16, StepPhase.BRACKET, TPOT, 5000));
    assertEquals(Math.sqrt(8 * 16), search.next(done).orElseThrow().load().value(), 1e-9);
    // Stopped early at high.
    StepResult stopped = CapacityResults.judged(2, StepLoad.rate(16), StepPhase.BRACKET, TPOT,
        Map.of("p99_tpot_ms", 60.0), "over-saturated");
    done = List.of(step(1, 8, StepPhase.BRACKET, TPOT, 40), stopped);
    assertEquals(Math.sqrt(8 * 16), search.next(done).orElseThrow().load().value(), 1e-9);
    // A threshold-less margin (an equality clause) cannot be interpolated either.
    List<SummaryCheck> eq = SummaryCheck.parseAll("failed==0");
    BracketSearch onFailures = rate(8, 0.05, 12, 1, eq);
    done = List.of(step(1, 8, StepPhase.BRACKET, eq, 0), step(2, 16, StepPhase.BRACKET, eq, 3));
    assertEquals(Math.sqrt(8 * 16), onFailures.next(done).orElseThrow().load().value(), 1e-9);
  }

  @Test
  void aLinearCurveConvergesFasterThanBisectionWhileAHockeyStickBisects() {
    double c = 10;
    double precision = 0.01;
    BracketSearch search = rate(1, precision, 60, 1, TPOT);
    Server linear = (load, run) -> Map.of("p99_tpot_ms", 50 * load / c);
    List<StepResult> lin = run(search, TPOT, linear);
    List<StepResult> hockey = run(search, TPOT, hockeyStick(c));

    // Bisection on a log scale from the same bracket (8 passes, 16 fails), counted by hand.
    double low = 8;
    double high = 16;
    int bisections = 0;
    while ((high - low) / low > precision) {
      double mid = Math.sqrt(low * high);
      if (mid <= c) {
        low = mid;
      } else {
        high = mid;
      }
      bisections++;
    }
    long linearNarrows = lin.stream().filter(s -> s.phase() == StepPhase.NARROW).count();
    long hockeyNarrows = hockey.stream().filter(s -> s.phase() == StepPhase.NARROW).count();
    assertEquals(bisections, hockeyNarrows, "the hockey stick falls back to the geometric middle");
    assertTrue(linearNarrows < bisections, linearNarrows + " narrowing steps, bisection takes " + bisections);

    // Every narrowing step of the hockey stick is the geometric middle of the interval before it.
    for (int i = 0; i < hockey.size(); i++) {
      if (hockey.get(i).phase() == StepPhase.NARROW) {
        CapacityResult.Capacity before = search.conclude(hockey.subList(0, i)).capacity();
        assertEquals(Math.sqrt(before.low() * before.high()), hockey.get(i).load().value(), 1e-9);
      }
    }
    for (List<StepResult> done : List.of(lin, hockey)) {
      CapacityResult.Capacity cap = search.conclude(done).capacity();
      assertTrue(cap.low() <= c && cap.high() > c - 1e-9, cap.toString());
      assertTrue(cap.relativeWidth() <= precision, cap.toString());
    }
  }

  // ------------------------------------------------------------------------------------------------ ceiling, verdict

  @Test
  void theConcurrencyCeilingStopsTheGrowth() {
    BracketSearch search = new BracketSearch(SearchDimension.CONCURRENCY, 1, 0.05, 12, 1, 100, TTFT);
    List<StepResult> done = run(search, TTFT, (load, run) -> Map.of("p99_ttft_ms", 100.0));
    assertEquals(List.of(1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 100.0), loads(done));
    CapacityResult result = search.conclude(done);
    CapacityResult.Capacity c = result.capacity();
    assertEquals(100, c.low());
    assertTrue(Double.isNaN(c.high()));
    assertFalse(c.bounded());
    assertTrue(Double.isNaN(c.relativeWidth()));
    assertTrue(c.verdict().startsWith("capacity at least 100 users: no step failed up to 100 users"), c.verdict());
    assertTrue(c.verdict().contains("(the client's ceiling)"), c.verdict());
    Map<String, Object> facts = CapacityFacts.of(result);
    assertEquals(100.0, facts.get(CapacityFacts.CAPACITY_CONCURRENCY));
    assertEquals(100.0, facts.get(CapacityFacts.CAPACITY_LOW));
    assertFalse(facts.containsKey(CapacityFacts.CAPACITY_HIGH));
    assertFalse(facts.containsKey(CapacityFacts.CAPACITY_RELATIVE_WIDTH));
    assertEquals(8, facts.get(CapacityFacts.CAPACITY_STEPS));
  }

  @Test
  void aRateSearchThatNeverFailsSaysAtLeastWithoutCeiling() {
    BracketSearch search = rate(1, 0.05, 6, 1, TTFT);
    List<StepResult> done = run(search, TTFT, (load, run) -> Map.of("p99_ttft_ms", 100.0));
    assertEquals(List.of(1.0, 2.0, 4.0, 8.0, 16.0, 32.0), loads(done));
    CapacityResult.Capacity c = search.conclude(done).capacity();
    assertEquals(32, c.low());
    assertTrue(c.verdict().startsWith("capacity at least 32 req/s"), c.verdict());
    assertFalse(c.verdict().contains("ceiling"), c.verdict());
    assertTrue(c.verdict().contains("llm.searchMaxSteps"), c.verdict());
  }

  @Test
  void aBoundedCapacityHasItsIntervalAndVerdict() {
    List<StepResult> done = List.of(
        step(1, 8, StepPhase.BRACKET, TWO, 400, 40),
        step(2, 16, StepPhase.BRACKET, TWO, 900, 45),
        step(3, 10, StepPhase.NARROW, TWO, 600, 46),
        step(4, 8, StepPhase.REPEAT, TWO, 410, 41));
    BracketSearch search = rate(8, 0.05, 4, 1, TWO);
    CapacityResult result = search.conclude(done);
    CapacityResult.Capacity c = result.capacity();
    assertTrue(c.bounded());
    assertEquals(8, c.low());
    assertEquals(10, c.high());
    assertEquals(0.25, c.relativeWidth(), 1e-12);
    assertEquals(List.of(), c.flaky());
    assertEquals(
        "capacity 8 req/s: passed at 8 req/s (2 runs), failed at 10 req/s (25.0 % higher, 4 steps);"
            + " p99_ttft_ms<500 broke at 10 req/s",
        c.verdict());
    assertEquals(CapacityResult.Mode.SEARCH, result.mode());
    assertEquals(SearchDimension.RATE, result.dimension());
    assertEquals(TWO, result.slo());
    assertEquals(4, result.steps().size());
    Map<String, Object> facts = CapacityFacts.of(result);
    assertEquals(8.0, facts.get(CapacityFacts.CAPACITY_RPS));
    assertEquals(10.0, facts.get(CapacityFacts.CAPACITY_HIGH));
    assertEquals(0.25, (double) facts.get(CapacityFacts.CAPACITY_RELATIVE_WIDTH), 1e-12);
    assertFalse(facts.containsKey(CapacityFacts.CAPACITY_CONCURRENCY));
    assertTrue(search.next(done).isEmpty(), "the budget of 4 is spent");
  }

  @Test
  void aStepStoppedEarlyAtHighIsNamedInTheVerdict() {
    StepResult stopped = CapacityResults.judged(2, StepLoad.rate(16), StepPhase.BRACKET, TTFT,
        Map.of("p99_ttft_ms", 300.0), "over-saturated: the queue grows");
    List<StepResult> done = List.of(step(1, 8, StepPhase.BRACKET, TTFT, 300), stopped);
    CapacityResult.Capacity c = rate(8, 0.05, 12, 1, TTFT).conclude(done).capacity();
    assertEquals(16, c.high());
    assertTrue(c.verdict().endsWith("the step at 16 req/s was stopped: over-saturated: the queue grows"), c.verdict());
  }

  // ----------------------------------------------------------------------------------------------------------- cliff

  @Test
  void everyClauseBrokenWithin25PercentIsACliff() {
    BracketSearch search = rate(8, 0.05, 12, 1, TWO);
    List<StepResult> done = List.of(
        step(1, 8, StepPhase.BRACKET, TWO, 300, 30), step(2, 9.6, StepPhase.NARROW, TWO, 900, 90));
    String cliff = search.conclude(done).capacity().cliff();
    assertNotNull(cliff);
    assertEquals("cliff from 8 to 9.6 req/s (+20.0 %): every SLO clause broke at once", cliff);
    // Exactly +25 % is still a cliff.
    done = List.of(step(1, 8, StepPhase.BRACKET, TWO, 300, 30), step(2, 10, StepPhase.NARROW, TWO, 900, 90));
    assertNotNull(search.conclude(done).capacity().cliff());
    // Further than +25 %: not one.
    done = List.of(step(1, 8, StepPhase.BRACKET, TWO, 300, 30), step(2, 10.1, StepPhase.NARROW, TWO, 900, 90));
    assertNull(search.conclude(done).capacity().cliff());
  }

  @Test
  void onlyOneClauseBrokenIsNoCliff() {
    BracketSearch search = rate(8, 0.05, 12, 1, TWO);
    List<StepResult> done = List.of(
        step(1, 8, StepPhase.BRACKET, TWO, 300, 30), step(2, 9, StepPhase.NARROW, TWO, 900, 40));
    assertNull(search.conclude(done).capacity().cliff());
  }

  @Test
  void aSingleClauseNeedsItsMarginToDouble() {
    BracketSearch search = rate(8, 0.05, 12, 1, TPOT);
    // 0.6 -> 1.3: 2.17 times.
    List<StepResult> done = List.of(step(1, 8, StepPhase.BRACKET, TPOT, 30), step(2, 9, StepPhase.NARROW, TPOT, 65));
    String cliff = search.conclude(done).capacity().cliff();
    assertEquals("cliff from 8 to 9 req/s (+12.5 %): p99_tpot_ms<50 went 2.2 times further", cliff);
    // Exactly 2 times.
    done = List.of(step(1, 8, StepPhase.BRACKET, TPOT, 30), step(2, 9, StepPhase.NARROW, TPOT, 60));
    assertNotNull(search.conclude(done).capacity().cliff());
    // 0.9 -> 1.1: a gentle slope.
    done = List.of(step(1, 8, StepPhase.BRACKET, TPOT, 45), step(2, 9, StepPhase.NARROW, TPOT, 55));
    assertNull(search.conclude(done).capacity().cliff());
  }

  // ------------------------------------------------------------------------------------------------------ validation

  @Test
  void theConstructorNamesTheBadValue() {
    assertMessage("got 0.0", () -> rate(0, 0.05, 12, 1, TTFT));
    assertMessage("got -2.0", () -> rate(-2, 0.05, 12, 1, TTFT));
    assertMessage("got NaN", () -> rate(Double.NaN, 0.05, 12, 1, TTFT));
    assertMessage("got Infinity", () -> rate(Double.POSITIVE_INFINITY, 0.05, 12, 1, TTFT));
    assertMessage("whole number of users, got 1.5",
        () -> new BracketSearch(SearchDimension.CONCURRENCY, 1.5, 0.05, 12, 1, 1024, TTFT));
    assertMessage("precision must be between 0 and 1 (e.g. 0.05), got 0.0", () -> rate(1, 0, 12, 1, TTFT));
    assertMessage("got 1.0", () -> rate(1, 1, 12, 1, TTFT));
    assertMessage("got NaN", () -> rate(1, Double.NaN, 12, 1, TTFT));
    assertMessage("repeats must be >= 0, got -1", () -> rate(1, 0.05, 12, -1, TTFT));
    assertMessage("maxSteps 3 with 2 repeats", () -> rate(1, 0.05, 3, 2, TTFT));
    assertMessage("the ceiling 4.0 is below the start 8.0",
        () -> new BracketSearch(SearchDimension.CONCURRENCY, 8, 0.05, 12, 1, 4, TTFT));
    assertMessage("needs SLO clauses", () -> rate(1, 0.05, 12, 1, List.of()));
    // The smallest budget is accepted.
    assertEquals(3, rate(1, 0.05, 3, 1, TTFT).maxSteps());
    assertEquals(SearchDimension.RATE, rate(1, 0.05, 3, 1, TTFT).dimension());
  }

  static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  // -------------------------------------------------------------------------------------------------------- property

  @Test
  void theIntervalAlwaysHoldsTheHiddenCapacity() {
    double precision = 0.05;
    for (int seed = 0; seed < 100; seed++) {
      Random random = new Random(seed);
      double c = 0.5 * Math.pow(1000, random.nextDouble()); // log-uniform in [0.5, 500]
      if (seed == 0) {
        c = 0.5;
      } else if (seed == 1) {
        c = 500;
      }
      double hidden = c;
      Server linear = (load, run) -> Map.of("p99_ttft_ms", 500 * load / hidden);
      Server cliff = (load, run) -> Map.of("p99_ttft_ms", load <= hidden ? 100.0 : 10_000.0);
      Server curved = (load, run) -> Map.of("p99_ttft_ms", 500 * Math.pow(load / hidden, 3));
      for (Server server : List.of(linear, cliff, curved)) {
        for (int maxSteps : new int[] {6, 12, 40}) {
          for (int repeats : new int[] {0, 1, 2}) {
            BracketSearch search = rate(1, precision, maxSteps, repeats, TTFT);
            List<StepResult> done = run(search, TTFT, server);
            String where = "C=" + c + " maxSteps=" + maxSteps + " repeats=" + repeats + ": " + loads(done);
            assertTrue(done.size() <= maxSteps, where);
            CapacityResult.Capacity cap = search.conclude(done).capacity();
            assertTrue(Double.isNaN(cap.low()) || cap.low() <= c, where + " -> " + cap);
            assertTrue(Double.isNaN(cap.high()) || cap.high() > c, where + " -> " + cap);
            if (done.size() < maxSteps) {
              assertTrue(cap.bounded(), where);
              assertTrue(cap.relativeWidth() <= precision, where + " -> " + cap);
              assertEquals(repeats + 1, done.stream().filter(s -> s.load().value() == cap.low()).count(), where);
            }
            if (maxSteps == 40) {
              assertTrue(cap.bounded() && cap.relativeWidth() <= precision, where + " -> " + cap);
            }
          }
        }
      }
    }
  }
}
