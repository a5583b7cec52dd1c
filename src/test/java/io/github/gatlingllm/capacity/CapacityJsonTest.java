package io.github.gatlingllm.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.report.RunResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapacityJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> names(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void searchHasEveryKeyInOrder() {
    JsonNode root = CapacityJson.tree(CapacityResults.search());
    assertEquals(List.of("mode", "dimension", "unit", "slo", "capacity", "steps"), names(root));
    assertEquals("search", root.get("mode").asText());
    assertEquals("rate", root.get("dimension").asText());
    assertEquals("req/s", root.get("unit").asText());
    assertEquals(List.of("p99_ttft_ms<500", "p99_tpot_ms<50"),
        List.of(root.get("slo").get(0).asText(), root.get("slo").get(1).asText()));
    JsonNode c = root.get("capacity");
    assertEquals(List.of("value", "low", "high", "relative_width", "bounded", "verdict", "cliff", "flaky"), names(c));
    assertEquals(8.0, c.get("value").asDouble());
    assertEquals(9.0, c.get("high").asDouble());
    assertEquals(0.125, c.get("relative_width").asDouble(), 1e-12);
    assertTrue(c.get("bounded").asBoolean());
    assertTrue(c.get("cliff").isNull());
    assertEquals(9.0, c.get("flaky").get(0).asDouble());
    assertEquals(9, root.get("steps").size());
  }

  @Test
  void stepHoldsItsLoadFiguresChecksAndOwnSummary() {
    JsonNode step = CapacityJson.tree(CapacityResults.search()).get("steps").get(3);
    assertEquals(List.of("step", "scenario", "phase", "load", "planned_requests", "sent_requests", "passed",
        "stopped_early", "achieved_request_rate", "output_throughput", "per_user_output_throughput", "checks",
        "summary"), names(step));
    assertEquals(4, step.get("step").asInt());
    assertEquals("capacity-4", step.get("scenario").asText());
    assertEquals("bracket", step.get("phase").asText());
    assertEquals("rate", step.get("load").get("kind").asText());
    assertEquals(16.0, step.get("load").get("value").asDouble());
    assertEquals("16 req/s", step.get("load").get("label").asText());
    assertEquals(100, step.get("planned_requests").asInt());
    assertEquals(40, step.get("sent_requests").asInt());
    assertFalse(step.get("passed").asBoolean());
    assertEquals("p99_ttft_ms above 2x its limit", step.get("stopped_early").asText());
    assertEquals(9.1, step.get("achieved_request_rate").asDouble(), 1e-12);
    assertEquals(910.0, step.get("output_throughput").asDouble(), 1e-9);
    assertEquals(1000 / 47.5, step.get("per_user_output_throughput").asDouble(), 1e-9);
    JsonNode check = step.get("checks").get(0);
    assertEquals("p99_ttft_ms<500", check.get("check").asText());
    assertEquals(4200.0, check.get("actual").asDouble());
    assertFalse(check.get("passed").asBoolean());
    // The step's own summary under llm-summary.json's names.
    JsonNode summary = step.get("summary");
    assertEquals(9.1, summary.get("request_throughput").asDouble(), 1e-12);
    assertEquals(4200.0, summary.get("p99_ttft_ms").asDouble());
    assertEquals(12, summary.get("failed").asInt());
    assertTrue(summary.has("mean_tpot_ms") && summary.has("output_throughput") && summary.has("duration"));
  }

  @Test
  void sweepHasNoCapacityAndNonFiniteNumbersAreNull() throws Exception {
    CapacityResult sweep = CapacityResults.sweep();
    StepResult s = sweep.steps().get(0);
    StepResult noTokens = new StepResult(1, "s", s.load(), s.phase(),
        io.github.gatlingllm.metrics.BenchmarkSummary.builder(s.summary().run(), s.summary().options())
            .requestThroughput(Double.NaN).build(),
        java.util.Map.of(), List.of(), true, null, 1, 1, Double.NaN);
    JsonNode root = CapacityJson.tree(new CapacityResult(CapacityResult.Mode.SWEEP, SearchDimension.CONCURRENCY,
        List.of(), List.of(noTokens), null));
    assertEquals("sweep", root.get("mode").asText());
    assertEquals("users", root.get("unit").asText());
    assertTrue(root.get("capacity").isNull());
    JsonNode step = root.get("steps").get(0);
    assertTrue(step.get("per_user_output_throughput").isNull());
    assertTrue(step.get("achieved_request_rate").isNull());
    assertTrue(step.get("summary").get("request_throughput").isNull());
    // Valid JSON for any reader: no NaN token anywhere.
    assertFalse(JSON.writeValueAsString(root).contains("NaN"));
  }

  @Test
  void unboundedCapacityWritesNullEnds() {
    CapacityResult base = CapacityResults.search();
    CapacityResult r = new CapacityResult(base.mode(), base.dimension(), base.slo(), base.steps(),
        new CapacityResult.Capacity(Double.NaN, 2, "Below 2 req/s.", "cliff at 2", List.of()));
    JsonNode c = CapacityJson.tree(r).get("capacity");
    assertTrue(c.get("value").isNull());
    assertTrue(c.get("low").isNull());
    assertTrue(c.get("relative_width").isNull());
    assertFalse(c.get("bounded").asBoolean());
    assertEquals("cliff at 2", c.get("cliff").asText());
  }

  @Test
  void savedFileRoundTripsWithJackson(@TempDir Path dir) throws Exception {
    CapacityResult result = CapacityResults.search();
    RunResults run = new RunResults(dir, result.steps().get(0).summary(), List.of());
    Path file = CapacityJson.save(run, result).orElseThrow();
    assertEquals(dir.resolve(CapacityJson.FILE_NAME), file);
    JsonNode read = JSON.readTree(Files.readString(file));
    assertEquals(CapacityJson.tree(result), read);
    assertEquals(read, JSON.readTree(JSON.writeValueAsString(read)));
  }
}
