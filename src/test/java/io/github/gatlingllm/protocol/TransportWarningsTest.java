package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.LlmDsl;
import io.github.gatlingllm.javaapi.LlmProtocolBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TransportWarningsTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final TransportWarnings warnings = new TransportWarnings(new PrintStream(printed, true, StandardCharsets.UTF_8));

  private void check(LlmProtocolBuilder builder) {
    warnings.check((LlmProtocol) builder.protocol());
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void verifiedTlsAndLoopbackHttpSayNothing() {
    check(LlmDsl.llm.baseUrl("https://api.example.com").apiKey("sk-x").model("m"));
    check(LlmDsl.llm.baseUrl("http://127.0.0.1:8000").apiKey("sk-x").model("m"));
    check(LlmDsl.llm.baseUrl("http://localhost:8000").apiKey("sk-x").model("m"));
    check(LlmDsl.llm.baseUrl("http://[::1]:8000").apiKey("sk-x").model("m"));
    check(LlmDsl.llm.baseUrl("http://gpu-box:8000").apiKey("").model("m"));
    assertEquals("", printed());
  }

  @Test
  void insecureSaysSoOnceHoweverManyProtocols() {
    LlmProtocolBuilder insecure = LlmDsl.llm.baseUrl("https://127.0.0.1:8443").model("m").trustAllCertificates();
    check(insecure);
    check(insecure.model("other"));
    assertEquals(TransportWarnings.INSECURE + System.lineSeparator(), printed());
  }

  @Test
  void aKeyInClearTextToAnotherHostIsOneLineWithoutTheKey() {
    check(LlmDsl.llm.baseUrl("http://gpu-box:8000").apiKey("sk-SECRET").model("m"));
    check(LlmDsl.llm.baseUrl("http://gpu-box:8001").apiKey("sk-SECRET").model("m"));
    String out = printed();
    assertEquals(1, out.lines().count(), out);
    assertTrue(out.contains("plain http:// to gpu-box"), out);
    assertFalse(out.contains("sk-SECRET"), out);
  }
}
