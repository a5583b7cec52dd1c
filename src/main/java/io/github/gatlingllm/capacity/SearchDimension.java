package io.github.gatlingllm.capacity;

import java.util.Locale;

/** What a capacity search varies from step to step. */
public enum SearchDimension {
  /** The request rate of open-model arrivals (req/s); the capacity is then {@code capacity_rps}. */
  RATE("req/s"),
  /** The number of closed-model users; the capacity is then {@code capacity_concurrency}. */
  CONCURRENCY("users");

  private final String unit;

  SearchDimension(String unit) {
    this.unit = unit;
  }

  public String unit() {
    return unit;
  }

  /** The JSON and property name: {@code rate} or {@code concurrency}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code rate} or {@code concurrency}, naming the value and what is expected when it is neither. */
  public static SearchDimension parse(String text) {
    for (SearchDimension d : values()) {
      if (d.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "Invalid search dimension '" + text + "': expected rate (open model) or concurrency (closed model)");
  }

  /** The load of a step at {@code value} along this dimension. */
  public StepLoad load(double value) {
    return this == RATE ? StepLoad.rate(value) : StepLoad.concurrency((int) Math.round(value));
  }
}
