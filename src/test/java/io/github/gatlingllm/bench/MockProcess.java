package io.github.gatlingllm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The mock LLM server in its own JVM, and its {@code /mock/stats} truth over loopback HTTP. */
final class MockProcess implements AutoCloseable {
  private static final String LISTENING = "mock LLM server listening on ";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChildJvm jvm;
  private final String baseUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private MockProcess(ChildJvm jvm, String baseUrl) {
    this.jvm = jvm;
    this.baseUrl = baseUrl;
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

  String baseUrl() {
    return baseUrl;
  }

  /** {@code GET /mock/stats}. */
  JsonNode stats() throws IOException, InterruptedException {
    return call(HttpRequest.newBuilder(URI.create(baseUrl + "/mock/stats")).GET());
  }

  /** {@code POST /mock/stats/reset}. */
  JsonNode reset() throws IOException, InterruptedException {
    return call(
        HttpRequest.newBuilder(URI.create(baseUrl + "/mock/stats/reset")).POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** CPU seconds the mock process has used so far (NaN when unknown). */
  double cpuSeconds() {
    return jvm.cpuTime().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
  }

  private JsonNode call(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  @Override
  public void close() {
    jvm.close();
  }
}
