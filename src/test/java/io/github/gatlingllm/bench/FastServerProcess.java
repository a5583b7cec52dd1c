package io.github.gatlingllm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gatlingllm.bench.fast.FastStreamServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@link FastStreamServer} in its own JVM, and its truth over loopback HTTP. The harness's one HTTP client keeps its
 * connection alive, so after {@link #reset()} the server's accepted connections are the load's alone.
 */
final class FastServerProcess extends ServerProcess {
  private FastServerProcess(ChildJvm jvm, String baseUrl) {
    super(
        jvm,
        baseUrl,
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
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

  JsonNode stats() throws IOException, InterruptedException {
    return call(HttpRequest.newBuilder(URI.create(baseUrl() + "/stats")).GET());
  }

  /** Generation requests read and connections accepted since the server started (warm-ups and all). */
  record Counters(long requests, long connections) {}

  /** Cheap enough to poll every few tens of ms: two atomic reads on the server. */
  Counters counters() throws IOException, InterruptedException {
    JsonNode c = call(HttpRequest.newBuilder(URI.create(baseUrl() + "/stats/requests")).GET());
    return new Counters(c.get("requests_total").asLong(), c.get("connections_total").asLong());
  }

  void reset() throws IOException, InterruptedException {
    call(HttpRequest.newBuilder(URI.create(baseUrl() + "/stats/reset")).POST(HttpRequest.BodyPublishers.noBody()));
  }
}
