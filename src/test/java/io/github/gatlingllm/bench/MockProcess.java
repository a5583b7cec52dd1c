package io.github.gatlingllm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The mock LLM server in its own JVM, and its {@code /mock/stats} truth over loopback HTTP. */
final class MockProcess extends ServerProcess {
  private static final String LISTENING = "mock LLM server listening on ";

  private MockProcess(ChildJvm jvm, String baseUrl) {
    super(jvm, baseUrl, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
  }

  /**
   * Starts {@code MockServerMain} on a free port (the server picks it and prints it) and waits until it listens.
   *
   * @param knobs {@code --key=value} arguments of the mock
   */
  static MockProcess start(String classPath, List<String> jvmArgs, List<String> knobs, Path log)
      throws IOException, InterruptedException {
    ChildJvm jvm = ChildJvm.start("mock", classPath, jvmArgs, "io.github.gatlingllm.mock.MockServerMain", knobs, log);
    try {
      String baseUrl = jvm.awaitLine(LISTENING, Duration.ofSeconds(60));
      return new MockProcess(jvm, baseUrl);
    } catch (IOException | InterruptedException | RuntimeException e) {
      jvm.close();
      throw e;
    }
  }

  /** {@code GET /mock/stats}. */
  JsonNode stats() throws IOException, InterruptedException {
    return call(HttpRequest.newBuilder(URI.create(baseUrl() + "/mock/stats")).GET());
  }

  /** {@code POST /mock/stats/reset}. */
  JsonNode reset() throws IOException, InterruptedException {
    return call(
        HttpRequest.newBuilder(URI.create(baseUrl() + "/mock/stats/reset")).POST(HttpRequest.BodyPublishers.noBody()));
  }
}
