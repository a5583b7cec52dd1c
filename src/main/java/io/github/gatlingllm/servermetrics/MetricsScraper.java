package io.github.gatlingllm.servermetrics;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches and parses one {@code GET /metrics}, blocking on the caller's thread (the sampler's own, never an event
 * loop): a scrape a second needs nothing faster, and keeping it off Netty means a slow metrics endpoint cannot delay a
 * token.
 *
 * <p>{@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: with {@code trustAllCertificates} (the
 * protocol's default, as Gatling's) a self-signed server must be scraped like it is load-tested, and only the former
 * lets one connection skip the host name check; the latter can only turn it off for the whole JVM. No proxy, like the
 * load itself. The JDK keeps the connection alive between scrapes.
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
  private final SSLSocketFactory trustingSockets;

  /**
   * @param apiKey sent as {@code Authorization: Bearer}, as the servers protect {@code /metrics} with the API's key
   *     when one is set; null for none
   * @param trustAllCertificates accept any certificate and host name, as the load's own connections do
   */
  public MetricsScraper(URI uri, String apiKey, boolean trustAllCertificates) {
    this.uri = uri;
    this.apiKey = apiKey;
    this.trustingSockets = trustAllCertificates ? TrustingTls.socketFactory() : null;
  }

  public URI uri() {
    return uri;
  }

  /** One scrape: the parsed body, or why there is none. */
  public PrometheusText.Parsed scrape() throws ScrapeException {
    String body;
    try {
      body = get();
    } catch (IOException e) {
      throw new ScrapeException("GET " + uri + " failed: " + e);
    }
    PrometheusText.Parsed parsed = PrometheusText.parse(body);
    if (!parsed.looksLikePrometheus()) {
      throw new ScrapeException("GET " + uri + " answered HTTP 200 but not in the Prometheus text format");
    }
    return parsed;
  }

  private String get() throws IOException, ScrapeException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
    if (trustingSockets != null && connection instanceof HttpsURLConnection https) {
      https.setSSLSocketFactory(trustingSockets);
      https.setHostnameVerifier((host, session) -> true);
    }
    connection.setConnectTimeout((int) TIMEOUT.toMillis());
    connection.setReadTimeout((int) TIMEOUT.toMillis());
    connection.setUseCaches(false);
    if (apiKey != null && !apiKey.isEmpty()) {
      connection.setRequestProperty("Authorization", "Bearer " + apiKey);
    }
    int status = connection.getResponseCode();
    if (status != 200) {
      // Drain so the connection can be reused by the next scrape.
      try (InputStream error = connection.getErrorStream()) {
        if (error != null) {
          error.readAllBytes();
        }
      }
      throw new ScrapeException("GET " + uri + " answered HTTP " + status);
    }
    try (InputStream in = connection.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
