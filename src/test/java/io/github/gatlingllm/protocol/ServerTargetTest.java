package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gatlingllm.client.HttpTarget;
import org.junit.jupiter.api.Test;

class ServerTargetTest {
  private static final String URL = "https://user:pa55@gateway.example/v1?token=t0ken";

  @Test
  void toStringMasksTheUrlCredentialsAndHidesTheKey() {
    ServerTarget target = new ServerTarget(URL, HttpTarget.parse(URL), "sk-test-SECRET123");

    assertEquals("ServerTarget[baseUrl=https://***@gateway.example/v1?token=***, apiKey=***]", target.toString());
  }

  @Test
  void aRefusedBaseUrlIsReportedMasked() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HttpTarget.parse("ftp://user:pa55@host/x?token=t0ken"));
    assertFalse(e.getMessage().contains("pa55") || e.getMessage().contains("t0ken"), e.getMessage());
  }

  @Test
  void aBaseUrlThatDoesNotParseIsReportedMaskedAndWithoutTheParsersMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HttpTarget.parse("http://user:pa 55@host/x?token=t0ken"));
    assertFalse(e.getMessage().contains("pa 55") || e.getMessage().contains("t0ken"), e.getMessage());
    assertEquals(null, e.getCause(), "the parser's exception repeats the whole URL");
  }
}
