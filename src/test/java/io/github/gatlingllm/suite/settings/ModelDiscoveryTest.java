package io.github.gatlingllm.suite.settings;

import io.github.gatlingllm.client.TlsSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import org.junit.jupiter.api.Test;

class ModelDiscoveryTest {

  @Test
  void listsTheModelOfTheMock() {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().port(0).build())) {
      assertEquals("mock-llm", ModelDiscovery.firstModel(server.baseUrl(), null, TlsSettings.VERIFIED));
    }
  }

  /** OpenAI clients take base URLs ending with /v1; ours appends /v1/... itself: the error says what to use. */
  @Test
  void aBaseUrlEndingWithV1IsExplained() {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().port(0).build())) {
      String message =
          assertThrows(IllegalStateException.class, () -> ModelDiscovery.firstModel(server.baseUrl() + "/v1/", null, TlsSettings.VERIFIED))
              .getMessage();
      assertTrue(message.contains("/v1/v1/models answered HTTP 404"), message);
      assertTrue(message.contains("did you mean " + server.baseUrl() + "?"), message);
    }
    assertEquals("", ModelDiscovery.versionPrefixHint("http://h:8000"));
  }
}
