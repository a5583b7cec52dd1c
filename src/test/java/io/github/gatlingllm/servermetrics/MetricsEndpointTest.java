package io.github.gatlingllm.servermetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gatlingllm.client.HttpTarget;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

  @Test
  void keepsSchemeHostAndPortAndDropsThePathPrefix() {
    assertEquals("http://127.0.0.1:8000/metrics",
        MetricsEndpoint.of(HttpTarget.parse("http://127.0.0.1:8000/v1")).toString());
    assertEquals("https://api.example.com:443/metrics",
        MetricsEndpoint.of(HttpTarget.parse("https://api.example.com/openai/")).toString());
    assertEquals("http://[::1]:8080/metrics", MetricsEndpoint.of(HttpTarget.parse("http://[::1]:8080")).toString());
  }

  @Test
  void settingsRejectBadModesAndPeriods() {
    assertEquals(ServerMetricsSettings.Mode.ON, ServerMetricsSettings.Mode.parse(" On "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ServerMetricsSettings.Mode.parse("yes"));
    assertEquals("serverMetrics: expected auto, on or off, got 'yes'", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new ServerMetricsSettings(ServerMetricsSettings.Mode.AUTO, Duration.ZERO));
  }
}
