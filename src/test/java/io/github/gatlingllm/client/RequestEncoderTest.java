package io.github.gatlingllm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestEncoderTest {
  private static final HttpTarget TARGET = HttpTarget.parse("http://127.0.0.1:8000");

  private static String refusal(Map.Entry<String, String> header) {
    StreamingRequest request =
        new StreamingRequest(TARGET, "/v1/completions", List.of(Map.entry("x-ok", "fine"), header), new byte[0]);
    return assertThrows(RequestEncoder.InvalidHeaderException.class, () -> RequestEncoder.encode(request)).getMessage();
  }

  @Test
  void aValueWithALineBreakIsRefusedByNameWithoutTheValue() {
    String message = refusal(Map.entry("x-gateway-key", "s3cret\r\nx-injected: s3cret"));

    assertEquals("invalid request header #1 x-gateway-key (value not shown)", message);
  }

  @Test
  void aNameThatIsNoTokenIsNotRepeatedEither() {
    // a value pasted where the name goes: it may be the secret itself
    String message = refusal(Map.entry("Bearer s3cret", "x"));

    assertFalse(message.contains("s3cret"), message);
    assertEquals("invalid request header #1 (value not shown)", message);
  }
}
