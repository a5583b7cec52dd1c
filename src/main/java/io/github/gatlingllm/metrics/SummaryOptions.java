package io.github.gatlingllm.metrics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * How to summarize a run.
 *
 * @param percentiles the percentiles to report for each latency metric, in order (vLLM's {@code --metric-percentiles},
 *     default 99); duplicates are dropped (each becomes one JSON key)
 * @param goodput the goodput objectives, or null when goodput is not requested
 * @param includeGeneratedTexts whether the saved JSON holds every generated text (it can be large); only with
 *     {@code saveDetailed}
 * @param saveDetailed whether the saved JSON holds the per-request arrays ({@code input_lens}, {@code ttfts},
 *     {@code itls}, ...), vLLM's {@code --save-detailed}
 */
public record SummaryOptions(
    List<Double> percentiles, GoodputSlo goodput, boolean includeGeneratedTexts, boolean saveDetailed) {

  /**
   * With the per-request arrays, as every run saved them before {@code saveDetailed} existed: existing callers keep
   * their output until they choose.
   */
  public SummaryOptions(List<Double> percentiles, GoodputSlo goodput, boolean includeGeneratedTexts) {
    this(percentiles, goodput, includeGeneratedTexts, true);
  }

  public SummaryOptions {
    Objects.requireNonNull(percentiles, "percentiles");
    for (Double p : percentiles) {
      if (p == null || !(p >= 0 && p <= 100)) {
        throw new IllegalArgumentException("Percentiles must be between 0 and 100, got " + percentiles);
      }
    }
    percentiles = List.copyOf(new LinkedHashSet<>(percentiles));
  }

  /** P99 only, no goodput, no per-request arrays: vLLM's defaults. */
  public static SummaryOptions defaults() {
    return new SummaryOptions(List.of(99.0), null, false, false);
  }

  /**
   * Parses vLLM's {@code --metric-percentiles} syntax, e.g. {@code "50,90,99,99.9"}.
   *
   * @throws IllegalArgumentException naming the bad entry
   */
  public static List<Double> parsePercentiles(String spec) {
    List<Double> result = new ArrayList<>();
    for (String part : spec.split(",")) {
      String text = part.trim();
      double p;
      try {
        p = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "Invalid percentile '" + text + "' in '" + spec + "': expected comma-separated numbers between 0 and 100");
      }
      if (!(p >= 0 && p <= 100)) {
        throw new IllegalArgumentException(
            "Invalid percentile '" + text + "' in '" + spec + "': expected comma-separated numbers between 0 and 100");
      }
      result.add(p);
    }
    return result;
  }
}
