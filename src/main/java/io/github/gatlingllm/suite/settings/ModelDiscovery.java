package io.github.gatlingllm.suite.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.client.BlockingGet;
import io.github.gatlingllm.client.SafeUrl;
import io.github.gatlingllm.client.TlsSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Asks an OpenAI-compatible server which model it serves ({@code GET /v1/models}), as vLLM's benchmark does when no
 * model is given, and what it says about that model (its context length). Runs once at simulation start, off Gatling's
 * event loops, reaching the server as the ready simulations' load does (no proxy; the same {@link TlsSettings}: the
 * certificate verified unless {@code llm.insecure=true}, and the API key never sent to an unverified server).
 */
public final class ModelDiscovery {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private ModelDiscovery() {}

  /** The id of the first model listed. */
  public static String firstModel(String baseUrl, String apiKey, TlsSettings tls) {
    JsonNode data = models(baseUrl, apiKey, tls);
    if (!data.isArray() || data.isEmpty() || !data.get(0).path("id").isTextual()) {
      throw new IllegalStateException(
          "GET " + SafeUrl.mask(url(baseUrl)) + " listed no model: set the model with -Dllm.model=...");
    }
    return data.get(0).path("id").asText();
  }

  /**
   * What the server reports about {@code model}: its {@code /v1/models} entry (vLLM's has {@code max_model_len},
   * {@code root}, {@code owned_by}, ...), or an empty object when the model is not listed or the list cannot be read
   * (a server without {@code /v1/models} can still be benchmarked).
   */
  public static JsonNode modelEntry(String baseUrl, String apiKey, String model, TlsSettings tls) {
    try {
      JsonNode data = models(baseUrl, apiKey, tls);
      for (JsonNode entry : data) {
        if (model.equals(entry.path("id").asText(null))) {
          return entry;
        }
      }
    } catch (IllegalStateException e) {
      // reported as "not known" by the caller
    }
    return JSON.createObjectNode();
  }

  /** The context length in a {@code /v1/models} entry ({@code max_model_len}, vLLM's key), if it has one. */
  public static OptionalInt maxModelLen(JsonNode entry) {
    JsonNode value = entry.path("max_model_len");
    return value.canConvertToInt() && value.asInt() > 0 ? OptionalInt.of(value.asInt()) : OptionalInt.empty();
  }

  /**
   * A base URL that already ends with {@code /v1} doubles it (request paths start with {@code /v1}, as vLLM's
   * {@code --base-url} plus {@code --endpoint}): say so, since OpenAI clients take such a base URL.
   */
  static String versionPrefixHint(String baseUrl) {
    String trimmed = baseUrl.replaceAll("/+$", "");
    if (!trimmed.endsWith("/v1")) {
      return "";
    }
    return " (llm.baseUrl ends with /v1 and request paths already start with /v1: did you mean "
        + SafeUrl.mask(trimmed.substring(0, trimmed.length() - 3)) + "?)";
  }

  private static String url(String baseUrl) {
    return baseUrl.replaceAll("/+$", "") + "/v1/models";
  }

  /** The {@code data} array of {@code GET /v1/models}. */
  private static JsonNode models(String baseUrl, String apiKey, TlsSettings tls) {
    String url = url(baseUrl);
    String shown = SafeUrl.mask(url); // messages outlive the run: no credential of the URL in them
    try {
      BlockingGet.Response response = new BlockingGet(TIMEOUT, tls).get(URI.create(url), apiKey);
      if (response.status() != 200) {
        throw new IllegalStateException(
            "GET " + shown + " answered HTTP " + response.status() + ": set the model with -Dllm.model=..."
                + versionPrefixHint(baseUrl));
      }
      return JSON.readTree(response.body()).path("data");
    } catch (javax.net.ssl.SSLException e) {
      // Certificates are verified by default: say how to trust this server, not only which model to set.
      throw new IllegalStateException(
          "Could not list the models at " + shown + ": the server's certificate is not trusted (" + e.getMessage()
              + "): give its CA with -Dllm.caCert=<pem file>, or skip verification with -Dllm.insecure=true",
          e);
    } catch (IOException e) {
      throw new IllegalStateException(
          "Could not list the models at " + shown + " (" + e.getMessage() + "): set the model with -Dllm.model=...", e);
    }
  }
}
