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
 * @param percentileMetrics the latency metrics whose statistics are reported, in the console block and the saved
 *     JSON, among {@code ttft, tpot, itl, e2el} (vLLM's {@code --percentile-metrics}; all four by default here)
 */
public record SummaryOptions(
    List<Double> percentiles,
    GoodputSlo goodput,
    boolean includeGeneratedTexts,
    boolean saveDetailed,
    List<String> percentileMetrics) {

  /** The latency metrics that can be reported, in vLLM's order. */
  public static final List<String> ALL_PERCENTILE_METRICS = List.of("ttft", "tpot", "itl", "e2el");

  /** Every latency metric reported. */
  public SummaryOptions(
      List<Double> percentiles, GoodputSlo goodput, boolean includeGeneratedTexts, boolean saveDetailed) {
    this(percentiles, goodput, includeGeneratedTexts, saveDetailed, ALL_PERCENTILE_METRICS);
  }

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
    for (String metric : percentileMetrics) {
      if (!ALL_PERCENTILE_METRICS.contains(metric)) {
        throw new IllegalArgumentException(
            "Unknown percentile metric '" + metric + "': expected some of " + String.join(", ", ALL_PERCENTILE_METRICS));
      }
    }
    percentileMetrics = List.copyOf(new LinkedHashSet<>(percentileMetrics));
  }

  /** Whether the statistics of this metric ({@code ttft}, {@code tpot}, {@code itl}, {@code e2el}) are reported. */
  public boolean reports(String metric) {
    return percentileMetrics.contains(metric);
  }

  /**
   * Parses vLLM's {@code --percentile-metrics} syntax, e.g. {@code "ttft,tpot,itl"}.
   *
   * @throws IllegalArgumentException naming the bad entry
   */
  public static List<String> parsePercentileMetrics(String spec) {
    List<String> result = new ArrayList<>();
    for (String part : spec.split(",")) {
      String metric = part.trim().toLowerCase(java.util.Locale.ROOT);
      if (!ALL_PERCENTILE_METRICS.contains(metric)) {
        throw new IllegalArgumentException(
            "Invalid percentile metric '" + part.trim() + "' in '" + spec + "': expected comma-separated names among "
                + String.join(", ", ALL_PERCENTILE_METRICS));
      }
      result.add(metric);
    }
    return result;
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
