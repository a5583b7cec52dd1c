package io.github.gatlingllm.capacity;

import java.util.List;
import java.util.Optional;

/**
 * Decides each step from the steps already judged: a capacity search ({@link BracketSearch}) or a sweep
 * ({@link SweepPlan}). Pure: the same judged steps give the same answer, which is what makes a search testable without
 * a server.
 */
public interface StepPlanner {
  /** The next step, or empty when the search or sweep is over. */
  Optional<PlannedStep> next(List<StepResult> done);

  /** The outcome once no step follows (or the run ended). */
  CapacityResult conclude(List<StepResult> done);

  /** The most steps this planner may ask for: the run declares that many step scenarios. */
  int maxSteps();

  /** What the steps vary. */
  SearchDimension dimension();
}
