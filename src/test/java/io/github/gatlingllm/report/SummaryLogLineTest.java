package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryCalculator;
import io.github.gatlingllm.metrics.SummaryOptions;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryLogLineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theLineIsThePrefixThenLlmSummaryJsonOnOneLine() throws Exception {
    RunDescription run =
        new RunDescription("openai", "openai", "a label\nwith a line break", "m", "m", 2, 4.0, 1.0, null, 0);
    SummaryOptions options = new SummaryOptions(List.of(50.0, 99.0), null, false);
    RequestRecord a = SummaryChecksTest.record(100);
    RequestRecord b = SummaryChecksTest.record(300);
    BenchmarkSummary summary = SummaryCalculator.compute(List.of(a, b), run, options);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("client_cpu_seconds", 1.5);

    String line = SummaryLogLine.render(summary, Map.of(), facts);

    assertTrue(line.startsWith("gatling-llm-summary-json: {"), line);
    assertFalse(line.contains("\n") || line.contains("\r"), line);
    JsonNode parsed = JSON.readTree(line.substring(SummaryLogLine.PREFIX.length()));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    SummaryJson.write(summary, Map.of(), List.<RequestRecord>of(), facts, file);
    assertEquals(JSON.readTree(file.toByteArray()), parsed, "the same keys and values as llm-summary.json");
    assertEquals(2, parsed.get("completed").asInt());
    assertEquals("a label\nwith a line break", parsed.get("label").asText());
  }
}
