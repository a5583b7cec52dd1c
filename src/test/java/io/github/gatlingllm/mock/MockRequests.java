package io.github.gatlingllm.mock;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reads {@code GET /mock/requests} of a running mock (what clients really sent), for tests in other packages. */
public final class MockRequests {
  private MockRequests() {}

  /** The JSON body of {@code /mock/requests}. */
  public static String get(MockLlmServer server) throws IOException, InterruptedException {
    return get(server.baseUrl());
  }

  public static String get(String baseUrl) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(baseUrl + RequestLog.PATH)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + RequestLog.PATH + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }
}
