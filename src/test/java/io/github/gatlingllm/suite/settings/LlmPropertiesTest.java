package io.github.gatlingllm.suite.settings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.protocol.ItlStats;
import io.github.gatlingllm.servermetrics.ServerMetricsSettings.Mode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LlmPropertiesTest {

  private static ServingSettings serving(Map<String, String> values) {
    Properties properties = new Properties();
    properties.putAll(values);
    properties.put("java.version", "17"); // non-llm properties are none of our business
    return ServingSettings.from(LlmProperties.of(properties, ServingSettings.PROPERTIES));
  }

  private static String error(Map<String, String> values) {
    return assertThrows(IllegalArgumentException.class, () -> serving(values)).getMessage();
  }

  @Test
  void defaultsFollowVllm() {
    ServingSettings s = serving(Map.of());
    assertEquals(Optional.empty(), s.common().target().baseUrl());
    assertEquals("/v1/completions", s.common().target().endpoint());
    assertEquals(1000, s.numPrompts());
    assertEquals(Double.POSITIVE_INFINITY, s.requestRate());
    assertEquals(1.0, s.burstiness());
    assertEquals(0, s.maxConcurrency());
    assertEquals(0, s.numWarmups());
    assertTrue(s.common().ignoreEos());
    assertArrayEquals(new double[] {99}, s.common().outputs().percentiles());
    assertFalse(s.chat());
    assertEquals(ItlStats.REQUEST_MEAN, s.itlStats(), "one ITL record per request keeps simulation.log small");
  }

  @Test
  void warmupsArriveAtOnceByDefaultOrAtTheLoadsOwnPace() {
    assertFalse(serving(Map.of()).warmupsAtLoadPace());
    assertTrue(serving(Map.of("llm.warmupArrivals", "load")).warmupsAtLoadPace());
    assertFalse(serving(Map.of("llm.warmupArrivals", "at-once")).warmupsAtLoadPace());
    String message = error(Map.of("llm.warmupArrivals", "paced"));
    assertTrue(message.contains("llm.warmupArrivals") && message.contains("paced"), message);
  }

  @Test
  void valuesAreParsed() {
    ServingSettings s =
        serving(
            Map.of(
                "llm.baseUrl", "http://127.0.0.1:8000",
                "llm.endpoint", "/v1/chat/completions",
                "llm.numPrompts", "60",
                "llm.requestRate", "20",
                "llm.burstiness", "0.5",
                "llm.maxConcurrency", "8",
                "llm.metricPercentiles", "50, 99,99.9",
                "llm.ignoreEos", "FALSE"));
    assertEquals(Optional.of("http://127.0.0.1:8000"), s.common().target().baseUrl());
    assertTrue(s.chat());
    assertEquals(60, s.numPrompts());
    assertEquals(20.0, s.requestRate());
    assertEquals(0.5, s.burstiness());
    assertEquals(8, s.maxConcurrency());
    assertArrayEquals(new double[] {50, 99, 99.9}, s.common().outputs().percentiles());
    assertFalse(s.common().ignoreEos());
    assertEquals(ItlStats.NONE, serving(Map.of("llm.itlStats", "none")).itlStats());
    assertEquals(ItlStats.REQUEST_MEAN, serving(Map.of("llm.itlStats", "request_mean")).itlStats());
    assertEquals(Double.POSITIVE_INFINITY, serving(Map.of("llm.requestRate", "inf")).requestRate());
  }

  @Test
  void malformedValuesNameThePropertyTheValueAndWhatIsAccepted() {
    assertEquals(
        "Invalid value 'abc' for llm.numPrompts: expected an integer >= 1", error(Map.of("llm.numPrompts", "abc")));
    assertEquals(
        "Invalid value '0' for llm.numPrompts: expected an integer >= 1", error(Map.of("llm.numPrompts", "0")));
    assertEquals(
        "Invalid value '-3' for llm.requestRate: expected 'inf' or a number of requests per second > 0",
        error(Map.of("llm.requestRate", "-3")));
    assertEquals(
        "Invalid value '/v1/embeddings' for llm.endpoint: expected one of /v1/completions, /v1/chat/completions",
        error(Map.of("llm.endpoint", "/v1/embeddings")));
    assertEquals(
        "Invalid value 'all' for llm.itlStats: expected one of every_gap, request_mean, none",
        error(Map.of("llm.itlStats", "all")));
    assertEquals("Invalid value 'yes' for llm.ignoreEos: expected true or false", error(Map.of("llm.ignoreEos", "yes")));
    assertEquals("Invalid value '0' for llm.burstiness: expected a number > 0", error(Map.of("llm.burstiness", "0")));
    assertTrue(error(Map.of("llm.metricPercentiles", "99,100")).startsWith("Invalid value '99,100' for llm.metricPercentiles"));
  }

  @Test
  void theHealthLagThresholdIsInMillisecondsAndPositive() {
    assertEquals(java.time.Duration.ofMillis(5), serving(Map.of()).common().outputs().healthLagThreshold());
    assertEquals(java.time.Duration.ofNanos(2_500_000),
        serving(Map.of("llm.healthLagThresholdMs", "2.5")).common().outputs().healthLagThreshold());
    assertEquals("Invalid value '0' for llm.healthLagThresholdMs: expected a number > 0 and < 3600000",
        error(Map.of("llm.healthLagThresholdMs", "0")));
    assertEquals("Invalid value '5ms' for llm.healthLagThresholdMs: expected a number > 0 and < 3600000",
        error(Map.of("llm.healthLagThresholdMs", "5ms")));
  }

  @Test
  void durationsTakeAUnitOrSeconds() {
    ServingSettings s =
        serving(Map.of("llm.idleTimeout", "500ms", "llm.firstTokenTimeout", "2.5", "llm.totalTimeout", "0"));
    assertEquals(Duration.ofMillis(500), s.common().timeouts().idle());
    assertEquals(Duration.ofMillis(2500), s.common().timeouts().firstToken());
    assertEquals(Duration.ZERO, s.common().timeouts().total());
    assertEquals(Duration.ofMinutes(2), serving(Map.of("llm.idleTimeout", "2m")).common().timeouts().idle());
    assertEquals(
        "Invalid value '5 minutes' for llm.idleTimeout: expected a duration such as 500ms, 30s, 2m or 1h (0 disables)",
        error(Map.of("llm.idleTimeout", "5 minutes")));
  }

  @Test
  void responseLimitsAreReadInMiB() {
    assertEquals(
        new io.github.gatlingllm.client.ResponseLimits(256L << 20, true), serving(Map.of()).common().limits());
    assertEquals(
        new io.github.gatlingllm.client.ResponseLimits(0, false),
        serving(Map.of("llm.maxResponseMiB", "0", "llm.retryUnansweredPosts", "false")).common().limits());
  }

  @Test
  void unknownPropertiesAreRejectedWithTheAcceptedList() {
    String message = error(Map.of("llm.numPrompt", "10"));
    assertTrue(
        message.startsWith("Unknown property llm.numPrompt (did you mean llm.numPrompts?). Accepted: llm."), message);
    assertTrue(error(Map.of("llm.zzz", "1")).startsWith("Unknown property llm.zzz. Accepted: "));
    assertTrue(message.contains("llm.numPrompts"), message);
  }

  @Test
  void serverMetricsDefaultToAutoEverySecondAndAreCheckedStrictly() {
    ServingSettings s = serving(Map.of());
    assertEquals(Mode.AUTO, s.common().outputs().serverMetrics().mode());
    assertEquals(Duration.ofSeconds(1), s.common().outputs().serverMetrics().interval());
    ServingSettings set = serving(Map.of("llm.serverMetrics", "off", "llm.serverMetricsInterval", "250ms"));
    assertEquals(Mode.OFF, set.common().outputs().serverMetrics().mode());
    assertEquals(Duration.ofMillis(250), set.common().outputs().serverMetrics().interval());
    assertEquals("Invalid value 'yes' for llm.serverMetrics: expected one of auto, on, off",
        error(Map.of("llm.serverMetrics", "yes")));
    assertEquals("Invalid value '0' for llm.serverMetricsInterval: expected a duration > 0 such as 500ms, 1s or 2m",
        error(Map.of("llm.serverMetricsInterval", "0")));
  }

  @Test
  void extraMetricsUrlsAreCommaSeparatedHttpUrlsAndABadOneIsNamed() {
    assertEquals(List.of(), serving(Map.of()).common().outputs().serverMetrics().extraEndpoints());
    ServingSettings s =
        serving(Map.of("llm.extraMetricsUrls", " http://gpu-a:9400/metrics, https://gpu-b:9400/metrics ,"));
    assertEquals(
        List.of(URI.create("http://gpu-a:9400/metrics"), URI.create("https://gpu-b:9400/metrics")),
        s.common().outputs().serverMetrics().extraEndpoints());
    for (String bad : new String[] {"gpu-a:9400/metrics", "ftp://gpu-a/metrics", "http://gpu a/metrics"}) {
      assertEquals("Invalid value '" + bad + "' for llm.extraMetricsUrls: expected comma-separated http(s) URLs such"
          + " as http://gpu-host:9400/metrics", error(Map.of("llm.extraMetricsUrls", bad)));
    }
  }

  @Test
  void aBadMetricsUrlIsNamedWithItsCredentialsMasked() {
    String bad = "http://gpu-a:9400/metrics,ftp://user:pa55@gpu-b/metrics?token=t0ken";
    assertEquals("Invalid value 'http://gpu-a:9400/metrics,ftp://***@gpu-b/metrics?token=***' for"
        + " llm.extraMetricsUrls: expected comma-separated http(s) URLs such as http://gpu-host:9400/metrics",
        error(Map.of("llm.extraMetricsUrls", bad)));
  }

  @Test
  void goodputIsParsedOnceHereAndABadOneNamesTheProperty() {
    assertEquals(Optional.empty(), serving(Map.of()).goodput());
    assertEquals(
        Optional.of(io.github.gatlingllm.metrics.GoodputSlo.parse("ttft:500,e2el:2000")),
        serving(Map.of("llm.goodput", "ttft:500,e2el:2000")).goodput());
    assertEquals("Invalid value 'ttft:fast' for llm.goodput: expected "
        + io.github.gatlingllm.metrics.GoodputSlo.FORM, error(Map.of("llm.goodput", "ttft:fast")));
  }

  @Test
  void percentileMetricsAndRangeRatioNameThePropertyTheValueAndTheRule() {
    assertEquals(List.of("ttft", "tpot", "itl", "e2el"), serving(Map.of()).percentileMetrics());
    assertEquals(List.of("ttft", "e2el"), serving(Map.of("llm.percentileMetrics", "ttft,e2el")).percentileMetrics());
    assertEquals("Invalid value 'ttft,foo' for llm.percentileMetrics: expected comma-separated names among ttft, tpot,"
        + " itl, e2el", error(Map.of("llm.percentileMetrics", "ttft,foo")));
    assertEquals("Invalid value '1' for llm.randomRangeRatio: expected a number >= 0 and < 1",
        error(Map.of("llm.randomRangeRatio", "1")));
    assertEquals(0.5, serving(Map.of("llm.randomRangeRatio", "0.5")).dataset().random().rangeRatio());
  }
}
