package io.github.gatlingllm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A server under benchmark in its own JVM, and its JSON truth endpoints over loopback HTTP. */
abstract class ServerProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChildJvm jvm;
  private final String baseUrl;
  private final HttpClient http;

  ServerProcess(ChildJvm jvm, String baseUrl, HttpClient http) {
    this.jvm = jvm;
    this.baseUrl = baseUrl;
    this.http = http;
  }

  final String baseUrl() {
    return baseUrl;
  }

  final long pid() {
    return jvm.pid();
  }

  /** CPU seconds the server process has used so far (NaN when unknown). */
  final double cpuSeconds() {
    return jvm.cpuTime().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
  }

  /** The JSON answer of a request; anything but 200 is an error naming the URI, the status and the body. */
  final JsonNode call(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  @Override
  public final void close() {
    jvm.close();
  }
}
