package io.github.gatlingllm.suite.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.client.BlockingGet;
import io.github.gatlingllm.client.HttpTarget;
import io.github.gatlingllm.client.ServerRoot;
import io.github.gatlingllm.client.TlsSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models an Ollama server holds in memory ({@code GET /api/ps}), with the GPU memory each takes
 * ({@code size_vram}, bytes): the one server among those we target that reports its GPU memory itself. Read after the
 * load, when the model is surely loaded; any other server answers 404 or something else, and then there is nothing
 * to report. Blocking, so never on an event loop.
 */
public final class OllamaLoadedModels {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private OllamaLoadedModels() {}

  /**
   * Each loaded model's {@code name}, {@code size} and {@code size_vram} (bytes), or empty when the server is not
   * Ollama (or does not answer, or its certificate fails {@code tls}).
   */
  public static Optional<List<Map<String, Object>>> read(String baseUrl, String apiKey, TlsSettings tls) {
    URI uri = ServerRoot.uri(HttpTarget.parse(baseUrl), "/api/ps");
    try {
      BlockingGet.Response response = new BlockingGet(TIMEOUT, tls).get(uri, apiKey);
      if (response.status() != 200) {
        return Optional.empty();
      }
      JsonNode models = JSON.readTree(response.body()).path("models");
      if (!models.isArray()) {
        return Optional.empty();
      }
      List<Map<String, Object>> loaded = new ArrayList<>();
      for (JsonNode model : models) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", model.path("name").asText(null));
        entry.put("size", model.path("size").canConvertToLong() ? model.path("size").asLong() : null);
        entry.put("size_vram", model.path("size_vram").canConvertToLong() ? model.path("size_vram").asLong() : null);
        loaded.add(entry);
      }
      return Optional.of(loaded);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // not Ollama, or not answering: the report just has no such entry
    }
  }
}
