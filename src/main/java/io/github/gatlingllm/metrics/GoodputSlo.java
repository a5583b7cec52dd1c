package io.github.gatlingllm.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Service level objectives for goodput, as vLLM's {@code --goodput ttft:500 tpot:50 e2el:2000}: any subset of TTFT,
 * TPOT and E2EL limits in milliseconds. A successful request is good when each given value is {@code <=} its limit.
 */
public final class GoodputSlo {
  /** What a goodput SLO string looks like, for messages that name where it was given. */
  public static final String FORM =
      "comma-separated ttft:<ms>, tpot:<ms>, e2el:<ms> (any subset, each at most once, <ms> a number > 0)";

  private static final String EXPECTED = "expected " + FORM;

  private final double ttftMs;
  private final double tpotMs;
  private final double e2elMs;

  private GoodputSlo(double ttftMs, double tpotMs, double e2elMs) {
    this.ttftMs = ttftMs;
    this.tpotMs = tpotMs;
    this.e2elMs = e2elMs;
  }

  /**
   * Parses {@code ttft:500,tpot:50,e2el:2000}; pairs may be separated by commas and/or whitespace.
   *
   * @throws IllegalArgumentException naming the bad pair and what is accepted
   */
  public static GoodputSlo parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("Invalid goodput SLO '" + (spec == null ? "" : spec) + "': " + EXPECTED);
    }
    double ttft = Double.NaN;
    double tpot = Double.NaN;
    double e2el = Double.NaN;
    for (String pair : spec.trim().split("[,\\s]+")) {
      if (pair.isEmpty()) {
        continue; // a leading comma
      }
      int colon = pair.indexOf(':');
      if (colon <= 0 || colon != pair.lastIndexOf(':')) {
        throw invalid(pair);
      }
      String name = pair.substring(0, colon);
      double value = parseMillis(pair, pair.substring(colon + 1));
      switch (name) {
        case "ttft" -> ttft = once(ttft, value, pair);
        case "tpot" -> tpot = once(tpot, value, pair);
        case "e2el" -> e2el = once(e2el, value, pair);
        default -> throw invalid(pair);
      }
    }
    if (Double.isNaN(ttft) && Double.isNaN(tpot) && Double.isNaN(e2el)) {
      throw new IllegalArgumentException("Invalid goodput SLO '" + spec + "': " + EXPECTED);
    }
    return new GoodputSlo(ttft, tpot, e2el);
  }

  /** {@link #parse(String)}, or null for a null or blank spec (goodput not requested). */
  public static GoodputSlo parseOrNull(String spec) {
    return spec == null || spec.isBlank() ? null : parse(spec);
  }

  private static double parseMillis(String pair, String text) {
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw invalid(pair);
    }
    if (!(value > 0) || Double.isInfinite(value)) {
      throw invalid(pair);
    }
    return value;
  }

  private static double once(double previous, double value, String pair) {
    if (!Double.isNaN(previous)) {
      throw invalid(pair);
    }
    return value;
  }

  private static IllegalArgumentException invalid(String pair) {
    return new IllegalArgumentException("Invalid goodput SLO '" + pair + "': " + EXPECTED);
  }

  public OptionalDouble ttftMs() {
    return Double.isNaN(ttftMs) ? OptionalDouble.empty() : OptionalDouble.of(ttftMs);
  }

  public OptionalDouble tpotMs() {
    return Double.isNaN(tpotMs) ? OptionalDouble.empty() : OptionalDouble.of(tpotMs);
  }

  public OptionalDouble e2elMs() {
    return Double.isNaN(e2elMs) ? OptionalDouble.empty() : OptionalDouble.of(e2elMs);
  }

  /**
   * Whether a successful request meets every given objective. As in vLLM, pass {@code tpotMs = 0} for a request with
   * at most one output token (it has no TPOT, and vLLM counts it as 0 for goodput).
   */
  public boolean isGood(double ttftMs, double tpotMs, double e2elMs) {
    // NaN limits (not given) make these comparisons false, i.e. no constraint.
    return !(ttftMs > this.ttftMs) && !(tpotMs > this.tpotMs) && !(e2elMs > this.e2elMs);
  }

  /** The given objectives, in the order ttft, tpot, e2el. */
  public Map<String, Double> asMap() {
    Map<String, Double> map = new LinkedHashMap<>();
    ttftMs().ifPresent(v -> map.put("ttft", v));
    tpotMs().ifPresent(v -> map.put("tpot", v));
    e2elMs().ifPresent(v -> map.put("e2el", v));
    return map;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    asMap().forEach((k, v) -> {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(k).append(':').append(v == Math.rint(v) ? String.valueOf(v.longValue()) : v.toString());
    });
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GoodputSlo g && g.asMap().equals(asMap());
  }

  @Override
  public int hashCode() {
    return asMap().hashCode();
  }
}
