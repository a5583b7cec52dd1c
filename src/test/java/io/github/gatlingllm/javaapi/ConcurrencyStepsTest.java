package io.github.gatlingllm.javaapi;

import static io.github.gatlingllm.LlmDsl.completion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.javaapi.core.PopulationBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConcurrencyStepsTest {

  @Test
  void defaultStepsHaveUniqueNamesAndTwoRequestsPerUserAtLeastTen() {
    List<ConcurrencySteps.Step> steps = LlmLoad.concurrencySteps(1, 8, 32).steps();
    assertEquals(
        List.of(
            new ConcurrencySteps.Step(1, "concurrency 1", 10),
            new ConcurrencySteps.Step(8, "concurrency 8", 16),
            new ConcurrencySteps.Step(32, "concurrency 32", 64)),
        steps);
  }

  @Test
  void requestCountsAndNamesCanBeChosen() {
    List<ConcurrencySteps.Step> steps =
        ConcurrencySteps.levels(2, 4).requestsPerLevel(c -> 3 * c).scenarioName(c -> "c=" + c).steps();
    assertEquals(List.of(new ConcurrencySteps.Step(2, "c=2", 6), new ConcurrencySteps.Step(4, "c=4", 12)), steps);
    assertEquals(5, ConcurrencySteps.levels(9).requestsPerLevel(5).steps().get(0).requests());
  }

  /** Gatling runs every child of a population together: the levels must be nested, never siblings. */
  @Test
  void levelsAreChainedOneAfterAnother() {
    PopulationBuilder load =
        ConcurrencySteps.levels(1, 4, 8)
            .records(List.of(Map.of("prompt", "hello", "maxTokens", 8)))
            .exec(completion("completion").prompt("#{prompt}").maxTokens(8))
            .build();
    List<String> order = new ArrayList<>();
    io.gatling.core.structure.PopulationBuilder step = load.asScala();
    while (true) {
      order.add(step.scenarioBuilder().name());
      int children = step.children().size();
      if (children == 0) {
        break;
      }
      // children: one list per andThen call, each list's members starting together
      assertEquals(1, children, "one andThen after each level");
      assertEquals(1, step.children().head().size(), "one level after each level");
      step = step.children().head().head();
    }
    assertEquals(List.of("concurrency 1", "concurrency 4", "concurrency 8"), order);
  }

  @Test
  void badLevelsAreRejectedWithTheValue() {
    assertThrows(IllegalArgumentException.class, ConcurrencySteps::levels);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ConcurrencySteps.levels(4, 0));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ConcurrencySteps.levels(4, 4).steps());
    assertTrue(e.getMessage().contains("'concurrency 4'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ConcurrencySteps.levels(4).requestsPerLevel(0).steps());
    assertTrue(e.getMessage().contains("concurrency 4 must be >= 1"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> ConcurrencySteps.levels(1).build());
    assertThrows(IllegalArgumentException.class, () -> ConcurrencySteps.levels(1).records(List.of()));
  }
}
