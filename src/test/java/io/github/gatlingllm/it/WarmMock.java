package io.github.gatlingllm.it;

import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a few hundred streams through a throw-away mock in this JVM so that the mock code that the test then measures
 * against is loaded and compiled: a cold mock answers its first requests late, which is the mock's error, not the
 * plugin's.
 */
final class WarmMock {
  private WarmMock() {}

  static void warmUpMockCode() throws Exception {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(0).itlMs(0).build())) {
      HttpClient client = HttpClient.newHttpClient();
      String body =
          "{\"model\":\"mock-llm\",\"prompt\":\"warm up\",\"max_tokens\":64,\"ignore_eos\":true,\"stream\":true,"
              + "\"stream_options\":{\"include_usage\":true}}";
      for (int round = 0; round < 4; round++) {
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
          HttpRequest request =
              HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/completions"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build();
          responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      }
    }
  }
}
