package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestSettingsTest {

  @Test
  void toStringNamesTheHeadersWithoutTheirValues() {
    RequestSettings settings =
        new RequestSettings("m", List.of(Map.entry("x-gateway-key", "s3cret")), 0, ItlStats.REQUEST_MEAN);

    String text = settings.toString();

    assertTrue(text.contains("x-gateway-key"), text);
    assertFalse(text.contains("s3cret"), text);
  }
}
