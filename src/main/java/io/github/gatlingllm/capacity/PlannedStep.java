package io.github.gatlingllm.capacity;

import java.util.Objects;

/**
 * The next step a planner wants: its load and why.
 *
 * @param load what the step offers
 * @param phase its part in the search or sweep
 */
public record PlannedStep(StepLoad load, StepPhase phase) {
  public PlannedStep {
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(phase, "phase");
  }
}
