package io.github.gatlingllm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.bench.fast.FastStreamServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@link FastStreamServer} in its own JVM, and its truth over loopback HTTP. The harness's one HTTP client keeps its
 * connection alive, so after {@link #reset()} the server's accepted connections are the load's alone.
 */
final class FastServerProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChildJvm jvm;
  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private FastServerProcess(ChildJvm jvm, String baseUrl) {
    this.jvm = jvm;
    this.baseUrl = baseUrl;
  }

  static FastServerProcess start(
      List<String> prefix, String classPath, List<String> jvmArgs, List<String> knobs, Path log)
      throws IOException, InterruptedException {
    ChildJvm jvm =
        ChildJvm.start("server", prefix, classPath, jvmArgs, FastStreamServer.class.getName(), knobs, log);
    try {
      return new FastServerProcess(jvm, jvm.awaitLine(FastStreamServer.LISTENING, Duration.ofSeconds(60)));
    } catch (IOException | InterruptedException | RuntimeException e) {
      jvm.close();
      throw e;
    }
  }

  String baseUrl() {
    return baseUrl;
  }

  long pid() {
    return jvm.pid();
  }

  JsonNode stats() throws IOException, InterruptedException {
    return call(HttpRequest.newBuilder(URI.create(baseUrl + "/stats")).GET());
  }

  /** Generation requests read and connections accepted since the server started (warm-ups and all). */
  record Counters(long requests, long connections) {}

  /** Cheap enough to poll every few tens of ms: two atomic reads on the server. */
  Counters counters() throws IOException, InterruptedException {
    JsonNode c = call(HttpRequest.newBuilder(URI.create(baseUrl + "/stats/requests")).GET());
    return new Counters(c.get("requests_total").asLong(), c.get("connections_total").asLong());
  }

  void reset() throws IOException, InterruptedException {
    call(HttpRequest.newBuilder(URI.create(baseUrl + "/stats/reset")).POST(HttpRequest.BodyPublishers.noBody()));
  }

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
