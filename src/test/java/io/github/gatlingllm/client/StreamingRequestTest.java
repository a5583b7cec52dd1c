package io.github.gatlingllm.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamingRequestTest {

  @Test
  void toStringNamesTheHeadersButShowsNoValueNorBody() {
    StreamingRequest request =
        new StreamingRequest(
            HttpTarget.parse("http://127.0.0.1:8000"),
            "/v1/completions",
            List.of(Map.entry("Authorization", "Bearer sk-test-SECRET123"), Map.entry("x-tenant", "tenant-secret")),
            "{\"prompt\":\"private prompt\"}".getBytes(StandardCharsets.UTF_8));

    String text = request.toString();

    assertTrue(text.contains("Authorization") && text.contains("x-tenant"), text);
    assertFalse(text.contains("SECRET123") || text.contains("tenant-secret") || text.contains("private prompt"), text);
  }
}
