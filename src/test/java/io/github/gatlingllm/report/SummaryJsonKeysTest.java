package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.metrics.GoodputSlo;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RampUp;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryCalculator;
import io.github.gatlingllm.metrics.SummaryOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SummaryJson#numericKeys}, which SLO checks are validated against before a run, is the set of numeric keys of
 * a summary really computed and written: a key added to or dropped from the file shows here.
 */
class SummaryJsonKeysTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theKeysKnownBeforeTheRunAreTheNumericKeysOfARealSummary(boolean everySetting) throws IOException {
    SummaryOptions options =
        everySetting
            ? new SummaryOptions(List.of(50.0, 99.9), GoodputSlo.parse("ttft:500"), false, true, List.of("tpot", "e2el"))
            : new SummaryOptions(List.of(99.0), null, false, false);
    RunDescription run =
        everySetting
            ? new RunDescription("openai", "openai", "l", "m", "m", 2, 4.0, 1.0, 8, 0,
                RampUp.linear(1, 4))
            : new RunDescription("openai", "openai", null, "m", "m", 2, Double.POSITIVE_INFINITY, 1.0, null, 0);
    List<RequestRecord> records = List.of(SummaryChecksTest.record(100), SummaryChecksTest.record(300));
    // A server reporting cached tokens (one hit, one miss): prefix_cache_hit_rate is a number only then.
    records.forEach(r -> r.promptTokens(8, io.github.gatlingllm.metrics.TokenSource.USAGE));
    records.get(0).cachedTokens(4);
    records.get(1).cachedTokens(0);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SummaryJson.write(SummaryCalculator.compute(records, run, options), records, Map.of(), out);

    assertEquals(numericKeys(JSON.readTree(out.toByteArray())),
        new TreeSet<>(SummaryJson.numericKeys(options, everySetting, everySetting, everySetting)));
  }

  @org.junit.jupiter.api.Test
  void withoutCachedTokensOnlyTheHitRateIsNotANumber() throws IOException {
    SummaryOptions options = new SummaryOptions(List.of(99.0), null, false, false);
    RunDescription run =
        new RunDescription("openai", "openai", null, "m", "m", 2, Double.POSITIVE_INFINITY, 1.0, null, 0);
    List<RequestRecord> records = List.of(SummaryChecksTest.record(100));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SummaryJson.write(SummaryCalculator.compute(records, run, options), records, Map.of(), out);
    Set<String> expected = new TreeSet<>(SummaryJson.numericKeys(options, false, false, false));
    expected.remove("prefix_cache_hit_rate");
    assertEquals(expected, numericKeys(JSON.readTree(out.toByteArray())));
  }

  private static Set<String> numericKeys(JsonNode summary) {
    Set<String> keys = new TreeSet<>();
    summary.properties().forEach(e -> {
      if (e.getValue().isNumber()) {
        keys.add(e.getKey());
      }
    });
    return keys;
  }
}
