package io.github.gatlingllm.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.metrics.BenchmarkSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates SLO clauses against the keys of {@code llm-summary.json}, so that a clause means exactly the figure the
 * file holds (and the file is what a user reads to see why a check failed).
 */
public final class SummaryChecks {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GOODPUT_KEY = "request_goodput";

  /** One evaluated clause: its actual value and whether it held. */
  public record Result(SummaryCheck check, double actual, boolean passed) {
    /** {@code p99_ttft_ms<500: 423.10 passed}. */
    public String describe() {
      return check + ": " + SummaryCheck.format(actual) + (passed ? " passed" : " FAILED");
    }
  }

  private SummaryChecks() {}

  /**
   * Fails at start, before any load, on a clause whose key the summary will not have as a number (a percentile not
   * requested, {@code request_goodput} without SLOs, a misspelt key).
   *
   * @param numericKeys what the summary will hold as numbers: {@link SummaryJson#numericKeys} and the run facts
   */
  public static void validate(List<SummaryCheck> checks, Set<String> numericKeys) {
    for (SummaryCheck check : checks) {
      if (numericKeys.contains(check.key())) {
        continue;
      }
      if (check.key().equals(GOODPUT_KEY)) {
        throw new IllegalArgumentException(
            "Invalid SLO check '" + check + "': request_goodput needs goodput SLOs (llm.goodput=ttft:<ms>,...)");
      }
      throw new IllegalArgumentException(
          "Invalid SLO check '" + check + "': '" + check.key() + "' is not a number in llm-summary.json"
              + hint(check.key()) + ". Numeric keys with these settings: " + String.join(", ", new TreeSet<>(numericKeys)));
    }
  }

  /** Evaluates every clause on the summary as {@code llm-summary.json} would hold it. */
  public static List<Result> evaluate(
      List<SummaryCheck> checks, BenchmarkSummary summary, Map<String, Object> runFacts) {
    return evaluate(checks, numbers(summary, runFacts));
  }

  /** Evaluates every clause on numeric keys already taken from a summary ({@link #numbers}); a missing key fails. */
  public static List<Result> evaluate(List<SummaryCheck> checks, Map<String, Double> numbers) {
    List<Result> results = new ArrayList<>();
    for (SummaryCheck check : checks) {
      Double value = numbers.get(check.key());
      double actual = value == null ? Double.NaN : value;
      results.add(new Result(check, actual, !Double.isNaN(actual) && check.holds(actual)));
    }
    return results;
  }

  /**
   * The top-level numeric keys of {@code llm-summary.json} for this summary and these run facts, by name: exactly
   * the figures a clause compares (a capacity search judges each step on them).
   */
  public static Map<String, Double> numbers(BenchmarkSummary summary, Map<String, Object> runFacts) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    summaryJson(summary, runFacts).fields().forEachRemaining(field -> {
      if (field.getValue().isNumber()) {
        numbers.put(field.getKey(), field.getValue().asDouble());
      }
    });
    return numbers;
  }

  /** The console lines of the evaluated clauses. */
  public static String render(List<Result> results) {
    StringBuilder out = new StringBuilder("-------------------SLO checks---------------------\n");
    for (Result r : results) {
      out.append(r.describe()).append('\n');
    }
    long failed = results.stream().filter(r -> !r.passed()).count();
    out.append(failed == 0 ? "All " + results.size() + " SLO checks passed\n" : failed + " of " + results.size()
        + " SLO checks FAILED\n");
    return out.toString();
  }

  private static JsonNode summaryJson(BenchmarkSummary summary, Map<String, Object> runFacts) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      SummaryJson.write(summary, Map.of(), List.of(), runFacts, bytes);
      return JSON.readTree(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String hint(String key) {
    return key.matches("p[0-9.]+_.*_ms") ? " (is that percentile in llm.metricPercentiles?)" : "";
  }

}
