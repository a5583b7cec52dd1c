package io.github.gatlingllm.javaapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.LlmDsl;
import io.github.gatlingllm.protocol.ItlStats;
import io.github.gatlingllm.protocol.LlmProtocol;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmProtocolBuilderTest {

  @Test
  void buildersAreImmutableAndCollectEverySetting() {
    LlmProtocolBuilder base = LlmDsl.llm.baseUrl("https://llm.example:8443/proxy/").model("m");
    LlmProtocolBuilder capped = base.maxConcurrency(8).header("x-user-id", "u1").metricPercentiles(50, 99.9);
    LlmProtocol p = (LlmProtocol) capped.protocol();
    assertEquals(8, p.requests().maxConcurrency());
    assertEquals(List.of(50.0, 99.9), p.report().percentiles());
    assertTrue(p.target().tls());
    assertEquals(8443, p.target().port());
    assertEquals("/proxy", p.target().basePath());
    assertEquals(0, ((LlmProtocol) base.protocol()).requests().maxConcurrency(), "the earlier builder is unchanged");
    assertTrue(((LlmProtocol) base.protocol()).headers().isEmpty());
  }

  @Test
  void itlReachesGatlingAsOneMeanPerRequestUnlessAskedOtherwise() {
    LlmProtocolBuilder base = LlmDsl.llm.baseUrl("http://127.0.0.1:1");
    assertEquals(ItlStats.REQUEST_MEAN, ((LlmProtocol) base.protocol()).itlStats());
    assertEquals(ItlStats.EVERY_GAP, ((LlmProtocol) base.itlStats(ItlStats.EVERY_GAP).protocol()).itlStats());
  }

  @Test
  void theApiKeyNeverShowsInToString() {
    LlmProtocol p = (LlmProtocol) LlmDsl.llm.baseUrl("http://127.0.0.1:1").apiKey("sk-secret-123").protocol();
    assertFalse(p.toString().contains("sk-secret-123"), p.toString());
    assertTrue(p.toString().contains("apiKey=***"));
  }

  @Test
  void responseLimitsReachTheClientSettings() {
    LlmProtocolBuilder base = LlmDsl.llm.baseUrl("http://127.0.0.1:8000").model("m");
    assertEquals(
        new io.github.gatlingllm.client.ResponseLimits(256L << 20, true),
        ((LlmProtocol) base.protocol()).connection().limits());
    assertEquals(
        new io.github.gatlingllm.client.ResponseLimits(1024, false),
        ((LlmProtocol) base.maxResponseBytes(1024).retryUnansweredPosts(false).protocol()).connection().limits());
    assertEquals(
        "maxResponseBytes must be 0 (no cap) or positive, got -1",
        assertThrows(IllegalArgumentException.class, () -> base.maxResponseBytes(-1)).getMessage());
  }

  @Test
  void badSettingsFailWhenBuiltWithTheValueInTheMessage() {
    assertEquals(
        "Invalid base URL 'ftp://x': scheme must be http or https, got 'ftp'",
        assertThrows(IllegalArgumentException.class, () -> LlmDsl.llm.baseUrl("ftp://x")).getMessage());
    assertEquals(
        "maxConcurrency must be >= 0 (0 = no cap), got -1",
        assertThrows(IllegalArgumentException.class, () -> LlmDsl.llm.maxConcurrency(-1)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> LlmDsl.llm.metricPercentiles(100));
    assertThrows(IllegalArgumentException.class, () -> LlmDsl.llm.goodput("ttfb:3"));
    assertThrows(IllegalArgumentException.class, () -> LlmDsl.llm.idleTimeout(Duration.ofSeconds(-1)));
    assertEquals(
        "The LLM protocol needs a base URL: LlmDsl.llm.baseUrl(\"http://host:port\")",
        assertThrows(IllegalStateException.class, () -> LlmDsl.llm.model("m").protocol()).getMessage());
  }
}
