package io.github.gatlingllm.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryCalculator;
import io.github.gatlingllm.metrics.SummaryOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
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

  /** One evaluated clause: its actual value and whether it held. */
  public record Result(SummaryCheck check, double actual, boolean passed) {
    /** {@code p99_ttft_ms<500: 423.10 passed}. */
    public String describe() {
      return check + ": " + SummaryCheck.format(actual) + (passed ? " passed" : " FAILED");
    }
  }

  private SummaryChecks() {}

  /**
   * Fails at start, before any load, on a clause whose key the summary will not have as a number with these options
   * (a percentile not requested, {@code request_goodput} without SLOs, a misspelt key).
   */
  public static void validate(
      List<SummaryCheck> checks, RunDescription run, SummaryOptions options, Set<String> runFactKeys) {
    Map<String, Object> facts = new HashMap<>();
    runFactKeys.forEach(key -> facts.put(key, 0));
    JsonNode empty = summaryJson(SummaryCalculator.compute(List.of(), run, options), facts);
    for (SummaryCheck check : checks) {
      JsonNode value = empty.get(check.key());
      if (value == null || !(value.isNumber() || value.isNull() && check.key().equals("request_goodput"))) {
        throw new IllegalArgumentException(
            "Invalid SLO check '" + check + "': '" + check.key() + "' is not a number in llm-summary.json"
                + hint(check.key()) + ". Numeric keys with these settings: " + numericKeys(empty));
      }
      if (value.isNull()) {
        throw new IllegalArgumentException(
            "Invalid SLO check '" + check + "': request_goodput needs goodput SLOs (llm.goodput=ttft:<ms>,...)");
      }
    }
  }

  /** Evaluates every clause on the summary as {@code llm-summary.json} would hold it. */
  public static List<Result> evaluate(
      List<SummaryCheck> checks, BenchmarkSummary summary, Map<String, Object> runFacts) {
    JsonNode json = summaryJson(summary, runFacts);
    List<Result> results = new ArrayList<>();
    for (SummaryCheck check : checks) {
      JsonNode value = json.get(check.key());
      double actual = value != null && value.isNumber() ? value.asDouble() : Double.NaN;
      results.add(new Result(check, actual, !Double.isNaN(actual) && check.holds(actual)));
    }
    return results;
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

  private static String numericKeys(JsonNode json) {
    TreeSet<String> keys = new TreeSet<>();
    json.properties().forEach(e -> {
      if (e.getValue().isNumber()) {
        keys.add(e.getKey());
      }
    });
    return String.join(", ", keys);
  }
}
