package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.LlmDsl;
import io.github.gatlingllm.javaapi.LlmProtocolBuilder;
import io.github.gatlingllm.report.RunOutput;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunLevelSettingsTest {
  private static final LlmProtocolBuilder BASE =
      LlmDsl.llm.baseUrl("http://127.0.0.1:1").model("m").apiKey(null).clientWarmUp(false);

  private static LlmProtocol protocol(LlmProtocolBuilder builder) {
    return (LlmProtocol) builder.protocol();
  }

  private static String refused(LlmProtocolBuilder first, LlmProtocolBuilder other) {
    return assertThrows(
            IllegalStateException.class, () -> RunLevelSettings.requireSame(protocol(first), protocol(other)))
        .getMessage();
  }

  @Test
  void perRequestSettingsMayDifferBetweenProtocols() {
    RunOutput output = results -> {};
    LlmProtocolBuilder shared = BASE.label("sweep").runOutput(output).logRequests(true);
    assertDoesNotThrow(
        () ->
            RunLevelSettings.requireSame(
                protocol(shared),
                protocol(
                    shared
                        .baseUrl("https://127.0.0.1:2")
                        .model("other")
                        .apiKey("k")
                        .header("x-a", "b")
                        .maxConcurrency(8)
                        .itlStats(ItlStats.EVERY_GAP)
                        .connectTimeout(Duration.ofSeconds(1))
                        .firstTokenTimeout(Duration.ofSeconds(2))
                        .idleTimeout(Duration.ofSeconds(3))
                        .totalTimeout(Duration.ofSeconds(4))
                        .trustAllCertificates(false))));
  }

  @Test
  void aDifferentRunLevelSettingStopsTheRunNamingTheSettingAndBothValues() {
    String message = refused(BASE.label("first run"), BASE.label("second run"));
    assertTrue(message.contains("'label'"), message);
    assertTrue(message.contains("first run (the first protocol) and second run"), message);
  }

  @Test
  void everyKindOfRunLevelSettingIsCompared() {
    assertTrue(refused(BASE, BASE.logRequests(true)).contains("'logRequests'"));
    assertTrue(refused(BASE, BASE.saveDetailed(true)).contains("'saveDetailed'"));
    assertTrue(refused(BASE, BASE.metricPercentiles(50, 99)).contains("'percentiles'"));
    assertTrue(refused(BASE, BASE.goodput("ttft:500")).contains("'goodput'"));
    assertTrue(refused(BASE, BASE.assertions("failed==0")).contains("'checks'"));
    assertTrue(refused(BASE, BASE.runOutput(results -> {})).contains("'outputs'"));
    assertTrue(refused(BASE, BASE.clientWarmUp(true)).contains("'clientWarmUp'"));
    assertTrue(refused(BASE, BASE.serverMetrics("auto")).contains("'serverMetrics'"));
  }

  @Test
  void sampledServerMetricsMustComeFromOneServer() {
    LlmProtocolBuilder sampled = BASE.serverMetrics("auto");
    String message = refused(sampled, sampled.baseUrl("http://127.0.0.1:2"));
    assertTrue(message.contains("'serverMetrics endpoint'"), message);
    assertTrue(message.contains("http://127.0.0.1:1/metrics"), message);
    // Without sampling, the base URL is a per-request setting only.
    assertDoesNotThrow(
        () -> RunLevelSettings.requireSame(protocol(BASE), protocol(BASE.baseUrl("http://127.0.0.1:2"))));
  }
}
