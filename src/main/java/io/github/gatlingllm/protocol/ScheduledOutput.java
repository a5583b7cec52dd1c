package io.github.gatlingllm.protocol;

import io.github.gatlingllm.report.PeriodicOutput;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link PeriodicOutput} and how often it runs.
 *
 * @param period the time between two calls (the first comes one period after the load starts)
 * @param output what runs
 */
public record ScheduledOutput(Duration period, PeriodicOutput output) {
  public ScheduledOutput {
    Objects.requireNonNull(output, "output");
    if (period == null || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("periodicOutput: expected a period > 0, got " + period);
    }
  }
}
