package io.github.gatlingllm.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gatlingllm.report.RunResults;
import io.github.gatlingllm.report.SummaryCheck;
import io.github.gatlingllm.report.SummaryChecks;
import io.github.gatlingllm.report.SummaryJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code capacity.json}: the search's or sweep's answer and every step, each with its own summary under exactly the
 * keys of {@code llm-summary.json} (written by {@link SummaryJson}, so a step can be compared with a plain run's file).
 * Numbers that are not finite are written as null: JSON has no NaN, and a missing figure is not a zero.
 */
public final class CapacityJson {
  public static final String FILE_NAME = "capacity.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final java.util.Set<String> NON_FINITE = java.util.Set.of("NaN", "Infinity", "-Infinity");

  private CapacityJson() {}

  /** Writes {@link #tree} to {@link #FILE_NAME} in the run folder; empty when there is none. */
  public static Optional<Path> save(RunResults results, CapacityResult result) throws IOException {
    return results.saveJson(FILE_NAME, tree(result));
  }

  /** The whole document. */
  public static ObjectNode tree(CapacityResult result) {
    ObjectNode root = NODES.objectNode();
    root.put("mode", result.mode().name().toLowerCase(java.util.Locale.ROOT));
    root.put("dimension", result.dimension().id());
    root.put("unit", result.dimension().unit());
    ArrayNode slo = root.putArray("slo");
    for (SummaryCheck c : result.slo()) {
      slo.add(c.toString());
    }
    root.set("capacity", result.capacity() == null ? NODES.nullNode() : capacity(result.capacity()));
    ArrayNode steps = root.putArray("steps");
    for (StepResult s : result.steps()) {
      steps.add(step(s));
    }
    return root;
  }

  private static ObjectNode capacity(CapacityResult.Capacity c) {
    ObjectNode n = NODES.objectNode();
    number(n, "value", c.low());
    number(n, "low", c.low());
    number(n, "high", c.high());
    number(n, "relative_width", c.relativeWidth());
    n.put("bounded", c.bounded());
    n.put("verdict", c.verdict());
    n.put("cliff", c.cliff());
    ArrayNode flaky = n.putArray("flaky");
    c.flaky().forEach(v -> flaky.add(finite(v)));
    return n;
  }

  private static ObjectNode step(StepResult s) {
    ObjectNode n = NODES.objectNode();
    n.put("step", s.number());
    n.put("scenario", s.scenario());
    n.put("phase", s.phase().id());
    ObjectNode load = n.putObject("load");
    load.put("kind", s.load().kindId());
    number(load, "value", s.load().value());
    load.put("label", s.load().label());
    n.put("planned_requests", s.plannedRequests());
    n.put("sent_requests", s.sentRequests());
    n.put("passed", s.passed());
    n.put("stopped_early", s.stoppedEarly());
    number(n, "achieved_request_rate", s.achievedRequestRate());
    number(n, "output_throughput", s.totalOutputTokensPerSecond());
    number(n, "per_user_output_throughput", s.perUserOutputTokensPerSecond());
    ArrayNode checks = n.putArray("checks");
    for (SummaryChecks.Result r : s.checks()) {
      ObjectNode c = checks.addObject();
      c.put("check", r.check().toString());
      number(c, "actual", r.actual());
      c.put("passed", r.passed());
    }
    n.set("summary", summary(s));
    return n;
  }

  /** The step's summary as llm-summary.json writes it (no per-scenario part, no per-request arrays, no run facts). */
  private static JsonNode summary(StepResult s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      SummaryJson.write(s.summary(), Map.of(), List.of(), Map.of(), out);
      return nullFree(JSON.readTree(out.toByteArray()));
    } catch (IOException e) {
      // Only memory streams: an exception here is a bug in the summary writer, not an I/O condition.
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The tree with Jackson's quoted non-finite numbers ("NaN", "Infinity", as its generator writes a NaN double) turned
   * into null; vLLM's own strings, such as {@code "request_rate": "inf"}, are kept.
   */
  static JsonNode nullFree(JsonNode n) {
    if (n.isObject()) {
      ObjectNode o = (ObjectNode) n;
      List<String> names = new java.util.ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        o.set(name, nullFree(o.get(name)));
      }
    } else if (n.isArray()) {
      ArrayNode a = (ArrayNode) n;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, nullFree(a.get(i)));
      }
    } else if (n.isTextual() && NON_FINITE.contains(n.textValue())) {
      return NODES.nullNode();
    }
    return n;
  }

  private static void number(ObjectNode n, String name, double v) {
    n.set(name, finite(v));
  }

  private static JsonNode finite(double v) {
    return Double.isFinite(v) ? NODES.numberNode(v) : NODES.nullNode();
  }
}
