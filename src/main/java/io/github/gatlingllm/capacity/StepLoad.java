package io.github.gatlingllm.capacity;

import java.util.Locale;

/**
 * The load one step of a capacity search or sweep offers the server.
 *
 * @param kind open arrivals at a rate, a closed loop of users, or every request at once
 * @param value requests per second (RATE), users (CONCURRENCY), or 0 (ALL_AT_ONCE)
 */
public record StepLoad(Kind kind, double value) {

  /** How the step's requests are sent. */
  public enum Kind {
    /** Open model: gamma/Poisson arrivals at {@code value} requests per second. */
    RATE,
    /** Closed model: {@code value} users, each sending its next request when its previous one ended. */
    CONCURRENCY,
    /** Every request of the step at its start (vLLM's {@code --request-rate inf}): the server's maximum throughput. */
    ALL_AT_ONCE
  }

  public StepLoad {
    if (kind == null) {
      throw new IllegalArgumentException("a step load needs a kind");
    }
    switch (kind) {
      case RATE -> {
        if (!(value > 0) || Double.isInfinite(value)) {
          throw new IllegalArgumentException("a step's request rate must be a finite number > 0, got " + value);
        }
      }
      case CONCURRENCY -> {
        if (value < 1 || value != Math.rint(value) || value > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("a step's concurrency must be a whole number >= 1, got " + value);
        }
      }
      case ALL_AT_ONCE -> value = 0;
    }
  }

  public static StepLoad rate(double requestsPerSecond) {
    return new StepLoad(Kind.RATE, requestsPerSecond);
  }

  public static StepLoad concurrency(int users) {
    return new StepLoad(Kind.CONCURRENCY, users);
  }

  public static StepLoad allAtOnce() {
    return new StepLoad(Kind.ALL_AT_ONCE, 0);
  }

  /** The users of a CONCURRENCY step. */
  public int users() {
    if (kind != Kind.CONCURRENCY) {
      throw new IllegalStateException("not a concurrency step: " + this);
    }
    return (int) value;
  }

  /** For tables and charts: {@code 8.25 req/s}, {@code 16 users}, {@code all at once}. */
  public String label() {
    return switch (kind) {
      case RATE -> number(value) + " req/s";
      case CONCURRENCY -> users() + (users() == 1 ? " user" : " users");
      case ALL_AT_ONCE -> "all at once";
    };
  }

  /** The JSON name of the kind: {@code rate}, {@code concurrency}, {@code all_at_once}. */
  public String kindId() {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return label();
  }

  /** A load value as people write it: whole numbers plain, others with up to 3 significant decimals. */
  static String number(double v) {
    if (v == Math.rint(v)) {
      return Long.toString((long) v);
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
