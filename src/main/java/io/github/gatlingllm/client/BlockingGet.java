package io.github.gatlingllm.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * One blocking {@code GET} for the side requests around a load (model discovery, {@code /metrics}, Ollama's
 * {@code /api/ps}), never made on an event loop. It reaches a server the way the load does: no proxy, and with
 * {@code trustAllCertificates} a self-signed certificate and a host name that does not match are accepted for this
 * connection only ({@link HttpURLConnection} allows that per connection; {@code java.net.http.HttpClient} only for the
 * whole JVM). The JDK keeps connections alive between calls.
 */
public final class BlockingGet {
  /** A status and its body (an error page's too, read so that the connection can be reused). */
  public record Response(int status, String body) {}

  private final Duration timeout;
  private final int maxBodyBytes;
  private final SSLSocketFactory trustingSockets;

  /**
   * @param timeout for the connection, for each read, and for the whole body once the status line has arrived
   * @param trustAllCertificates accept any certificate and host name, as the load's own connections do
   */
  public BlockingGet(Duration timeout, boolean trustAllCertificates) {
    this(timeout, trustAllCertificates, BoundedBody.MAX_BYTES);
  }

  BlockingGet(Duration timeout, boolean trustAllCertificates, int maxBodyBytes) {
    this.timeout = timeout;
    this.maxBodyBytes = maxBodyBytes;
    this.trustingSockets = trustAllCertificates ? TrustingTls.socketFactory() : null;
  }

  /**
   * @param apiKey sent as {@code Authorization: Bearer} when not null or empty
   * @throws IOException when the server cannot be reached or the answer read, or the body is over 16 MiB or not read
   *     within the timeout; the message never holds the key
   */
  public Response get(URI uri, String apiKey) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
    if (trustingSockets != null && connection instanceof HttpsURLConnection https) {
      https.setSSLSocketFactory(trustingSockets);
      https.setHostnameVerifier((host, session) -> true);
    }
    connection.setConnectTimeout((int) timeout.toMillis());
    connection.setReadTimeout((int) timeout.toMillis());
    connection.setUseCaches(false);
    if (apiKey != null && !apiKey.isEmpty()) {
      connection.setRequestProperty("Authorization", "Bearer " + apiKey);
    }
    long start = System.nanoTime();
    int status = connection.getResponseCode();
    try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
      long total = timeout.toNanos();
      return new Response(status, in == null ? "" : BoundedBody.read(in, maxBodyBytes, start + total, total));
    } catch (IOException e) {
      connection.disconnect(); // a cut-short body leaves the connection unusable: never hand it back to the JDK pool
      throw e;
    }
  }
}
