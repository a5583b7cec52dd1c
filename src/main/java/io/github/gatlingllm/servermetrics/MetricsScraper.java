package io.github.gatlingllm.servermetrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Fetches and parses one {@code GET /metrics}. Uses the JDK's blocking HTTP client on the caller's thread (the
 * sampler's own, never an event loop): a scrape a second needs nothing faster, and keeping it off Netty means a slow
 * metrics endpoint cannot delay a token.
 */
public final class MetricsScraper {
  /** A scrape slower than this is a failure: the next one is due soon and would pile up behind it. */
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** Why a scrape gave nothing usable; the message names the URL and the status or error, never the API key. */
  public static final class ScrapeException extends Exception {
    ScrapeException(String message) {
      super(message);
    }
  }

  private final URI uri;
  private final String apiKey;
  private final HttpClient client;

  /**
   * @param apiKey sent as {@code Authorization: Bearer}, as the servers protect {@code /metrics} with the API's key
   *     when one is set; null for none
   */
  public MetricsScraper(URI uri, String apiKey) {
    this.uri = uri;
    this.apiKey = apiKey;
    this.client =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  }

  public URI uri() {
    return uri;
  }

  /** One scrape: the parsed body, or why there is none. */
  public PrometheusText.Parsed scrape() throws ScrapeException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
    if (apiKey != null && !apiKey.isEmpty()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ScrapeException("GET " + uri + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScrapeException("GET " + uri + " interrupted");
    }
    if (response.statusCode() != 200) {
      throw new ScrapeException("GET " + uri + " answered HTTP " + response.statusCode());
    }
    PrometheusText.Parsed parsed = PrometheusText.parse(response.body());
    if (!parsed.looksLikePrometheus()) {
      throw new ScrapeException("GET " + uri + " answered HTTP 200 but not in the Prometheus text format");
    }
    return parsed;
  }
}
