package io.github.gatlingllm.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.metrics.BenchmarkSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code llm-summary.json} as one log line, for runs with no run folder to write it into (a Gatling Enterprise load
 * generator): the injector's log then still holds the whole summary, found by its prefix and read as JSON.
 */
public final class SummaryLogLine {
  /** What starts the line; the JSON object follows it, compact, with no line break inside. */
  public static final String PREFIX = "gatling-llm-summary-json: ";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SummaryLogLine() {}

  /**
   * The line, without its line break: the same keys and values as {@code llm-summary.json}, except that vLLM's
   * per-request arrays ({@code llm.saveDetailed}) are empty: they are read back from llm-requests.csv, which needs a
   * run folder too.
   */
  public static String render(
      BenchmarkSummary summary, Map<String, BenchmarkSummary> scenarios, Map<String, Object> runFacts)
      throws IOException {
    ByteArrayOutputStream pretty = new ByteArrayOutputStream();
    SummaryJson.write(summary, scenarios, List.of(), runFacts, pretty);
    // Re-read and written compact: strings keep their escapes, so no line break survives inside the line.
    return PREFIX + JSON.writeValueAsString(JSON.readTree(pretty.toByteArray()));
  }
}
