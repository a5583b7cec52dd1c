package io.github.gatlingllm.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.metrics.RampUp;
import io.github.gatlingllm.metrics.RunDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The run description ({@code backend}, {@code model_id}, {@code request_rate} ...) of a recomputed run: the CSV does
 * not hold it, the {@code llm-summary.json} written next to it by the live run does.
 */
final class SavedRunDescription {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private SavedRunDescription() {}

  /** The description saved in the {@code llm-summary.json} next to {@code csv}, if there is a readable one. */
  static Optional<RunDescription> nextTo(Path csv) throws IOException {
    Optional<JsonNode> saved = summaryNextTo(csv);
    if (saved.isEmpty()) {
      return Optional.empty();
    }
    JsonNode root = saved.get();
    JsonNode cap = root.path("max_concurrency");
    return Optional.of(
        new RunDescription(
            text(root, "backend", "unknown"),
            text(root, "endpoint_type", null),
            text(root, "label", null),
            text(root, "model_id", "unknown"),
            text(root, "tokenizer_id", null),
            root.path("num_prompts").asInt(0),
            requestRate(root.path("request_rate")),
            burstiness(root.path("burstiness")),
            cap.isInt() && cap.asInt() > 0 ? cap.asInt() : null,
            date(root.path("date").asText("")),
            ramp(root)));
  }

  /** The {@code llm-summary.json} next to {@code csv} as a JSON object, if there is one; an unreadable one fails. */
  static Optional<JsonNode> summaryNextTo(Path csv) throws IOException {
    Path parent = csv.toAbsolutePath().getParent();
    Path json = parent == null ? null : parent.resolve(SummaryJson.FILE_NAME);
    if (json == null || !Files.isRegularFile(json)) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json.toFile());
    } catch (IOException e) {
      throw new IOException("Cannot read the run description in " + json + ": " + e.getMessage(), e);
    }
    return root != null && root.isObject() ? Optional.of(root) : Optional.empty();
  }

  /** A number, "inf" (or anything else but null, as files before null rates were written), or null as saved. */
  private static Double requestRate(JsonNode rate) {
    if (rate.isNull()) {
      return null; // the live run's load had no single rate
    }
    return rate.isNumber() && rate.asDouble() > 0 ? rate.asDouble() : Double.POSITIVE_INFINITY;
  }

  private static Double burstiness(JsonNode burstiness) {
    if (burstiness.isNull()) {
      return null;
    }
    return burstiness.isNumber() && burstiness.asDouble() > 0 ? burstiness.asDouble() : 1.0;
  }

  private static RampUp ramp(JsonNode root) {
    JsonNode strategy = root.path("ramp_up_strategy");
    JsonNode start = root.path("ramp_up_start_rps");
    JsonNode end = root.path("ramp_up_end_rps");
    return strategy.isTextual() && start.isNumber() && end.isNumber()
        ? new RampUp(RampUp.Strategy.parse(strategy.asText()), start.asDouble(), end.asDouble())
        : null;
  }

  /** For runs recomputed without any saved description: what the records can tell. */
  static RunDescription unknown(int requests, long startEpochMillis) {
    return new RunDescription(
        "unknown", null, null, "unknown", null, requests, Double.POSITIVE_INFINITY, 1.0, null, startEpochMillis);
  }

  /**
   * One description for the merged files of several load generators: the first one's, except that the load each
   * generator was given adds up ({@code num_prompts}, {@code request_rate}, {@code max_concurrency}: summed when every
   * file has one, else the number of requests read, null and none; a rate is "inf" when one is "inf"; ramps of one
   * strategy add up their start and end rates, else there is none), and the date is the earliest saved one (else {@code startEpochMillis}). With one
   * description, that description.
   */
  static RunDescription merge(List<RunDescription> parts, int requests, long startEpochMillis) {
    RunDescription first = parts.get(0);
    int prompts = 0;
    Double rate = 0.0;
    Integer cap = 0;
    long date = Long.MAX_VALUE;
    RampUp ramp = first.rampUp();
    for (RunDescription d : parts) {
      ramp = d == first ? ramp : addRamps(ramp, d.rampUp());
      prompts = d.numPrompts() > 0 && prompts >= 0 ? prompts + d.numPrompts() : -1;
      rate = rate == null || d.requestRate() == null ? null : rate + d.requestRate();
      cap = d.maxConcurrency() != null && cap != null ? cap + d.maxConcurrency() : null;
      if (d.startEpochMillis() > 0) {
        date = Math.min(date, d.startEpochMillis());
      }
    }
    return new RunDescription(
        first.backend(),
        first.endpointType(),
        first.label(),
        first.modelId(),
        first.tokenizerId(),
        prompts > 0 ? prompts : requests,
        rate,
        first.burstiness(),
        cap,
        date == Long.MAX_VALUE ? startEpochMillis : date,
        ramp);
  }

  private static RampUp addRamps(RampUp a, RampUp b) {
    if (a == null || b == null || a.strategy() != b.strategy()) {
      return null;
    }
    return new RampUp(a.strategy(), a.startRps() + b.startRps(), a.endRps() + b.endRps());
  }

  private static String text(JsonNode root, String key, String fallback) {
    JsonNode node = root.path(key);
    return node.isTextual() ? node.asText() : fallback;
  }

  /** vLLM's {@code date} (local time, to the second) back to epoch milliseconds; 0 when absent or unreadable. */
  private static long date(String text) {
    try {
      return LocalDateTime.parse(text, DATE).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return 0;
    }
  }
}
