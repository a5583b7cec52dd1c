package io.github.gatlingllm.servermetrics;

import io.github.gatlingllm.client.BlockingGet;
import io.github.gatlingllm.client.SafeUrl;
import io.github.gatlingllm.client.TlsSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Fetches and parses one {@code GET /metrics}, blocking on the caller's thread (the sampler's own, never an event
 * loop): a scrape a second needs nothing faster, and keeping it off Netty means a slow metrics endpoint cannot delay a
 * token. The server is reached as the load reaches it ({@link BlockingGet}: no proxy, the load's TLS trust).
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
  private final String shownUrl;
  private final String apiKey;
  private final BlockingGet http;

  /**
   * @param apiKey sent as {@code Authorization: Bearer}, as the servers protect {@code /metrics} with the API's key
   *     when one is set; null for none
   * @param tls the load's own TLS settings: {@code /metrics} is verified as the load is
   */
  public MetricsScraper(URI uri, String apiKey, TlsSettings tls) {
    this.uri = uri;
    this.shownUrl = SafeUrl.mask(uri);
    this.apiKey = apiKey;
    this.http = new BlockingGet(TIMEOUT, tls);
  }

  /** The URL scraped: for connecting only, as it may hold credentials. */
  public URI uri() {
    return uri;
  }

  /** The URL as logs, exceptions and the summary may show it: credentials masked ({@link SafeUrl}). */
  public String shownUrl() {
    return shownUrl;
  }

  @Override
  public String toString() {
    return "MetricsScraper[" + shownUrl + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
  }

  /** One scrape: the parsed body, or why there is none. */
  public PrometheusText.Parsed scrape() throws ScrapeException {
    BlockingGet.Response response;
    try {
      response = http.get(uri, apiKey);
    } catch (IOException e) {
      throw new ScrapeException("GET " + shownUrl + " failed: " + e);
    }
    if (response.status() != 200) {
      throw new ScrapeException("GET " + shownUrl + " answered HTTP " + response.status());
    }
    PrometheusText.Parsed parsed = PrometheusText.parse(response.body());
    if (!parsed.looksLikePrometheus()) {
      throw new ScrapeException("GET " + shownUrl + " answered HTTP 200 but not in the Prometheus text format");
    }
    return parsed;
  }
}
