package io.github.gatlingllm.suite.settings;

import io.github.gatlingllm.client.TlsSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OllamaLoadedModelsTest {
  /** The shape of Ollama's {@code GET /api/ps} (fields we do not read included). */
  private static final String PS =
      """
      {"models":[{"name":"llama3.2:latest","model":"llama3.2:latest","size":3763289088,
        "digest":"a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
        "details":{"format":"gguf","family":"llama","parameter_size":"3.2B","quantization_level":"Q4_K_M"},
        "expires_at":"2026-11-23T21:35:00.000000000Z","size_vram":3763289088},
       {"name":"qwen3:0.6b","size":1000,"size_vram":0}]}
      """;

  private HttpServer server;
  private final List<String> paths = new ArrayList<>();

  private String serve(int status, String body) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      paths.add(exchange.getRequestURI().getPath());
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void eachLoadedModelWithTheGpuMemoryItTakesAskedAtTheRootWhateverTheApiPrefix() throws Exception {
    String base = serve(200, PS);
    List<Map<String, Object>> models = OllamaLoadedModels.read(base + "/v1", null, TlsSettings.VERIFIED).orElseThrow();
    assertEquals(List.of("/api/ps"), paths);
    assertEquals(2, models.size());
    assertEquals("llama3.2:latest", models.get(0).get("name"));
    assertEquals(3763289088L, models.get(0).get("size"));
    assertEquals(3763289088L, models.get(0).get("size_vram"));
    assertEquals(0L, models.get(1).get("size_vram"), "a model on the CPU takes no GPU memory");
  }

  @Test
  void anotherServerOrNoServerHasNothingToReport() throws Exception {
    String base = serve(404, "{\"detail\":\"Not Found\"}");
    assertTrue(OllamaLoadedModels.read(base, null, TlsSettings.VERIFIED).isEmpty());
    server.stop(0);
    String notJson = serve(200, "<html>hello</html>");
    assertTrue(OllamaLoadedModels.read(notJson, null, TlsSettings.VERIFIED).isEmpty());
    server.stop(0);
    server = null;
    assertTrue(OllamaLoadedModels.read("http://127.0.0.1:1", null, TlsSettings.VERIFIED).isEmpty(), "nothing listening");
  }
}
