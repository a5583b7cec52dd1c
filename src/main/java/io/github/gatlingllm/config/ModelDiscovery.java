package io.github.gatlingllm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks an OpenAI-compatible server which model it serves ({@code GET /v1/models}), as vLLM's benchmark does when no
 * model is given. Runs once at simulation start, off Gatling's event loops.
 */
public final class ModelDiscovery {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelDiscovery() {}

  /** The id of the first model listed. */
  public static String firstModel(String baseUrl, String apiKey) {
    String url = baseUrl.replaceAll("/+$", "") + "/v1/models";
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
    if (apiKey != null && !apiKey.isEmpty()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET " + url + " answered HTTP " + response.statusCode() + ": set the model with -Dllm.model=...");
      }
      JsonNode data = JSON.readTree(response.body()).path("data");
      if (!data.isArray() || data.isEmpty() || !data.get(0).path("id").isTextual()) {
        throw new IllegalStateException("GET " + url + " listed no model: set the model with -Dllm.model=...");
      }
      return data.get(0).path("id").asText();
    } catch (IOException e) {
      throw new IllegalStateException(
          "Could not list the models at " + url + " (" + e.getMessage() + "): set the model with -Dllm.model=...", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while listing the models at " + url, e);
    }
  }
}
