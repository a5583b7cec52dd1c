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
 * {@code /api/ps}), never made on an event loop. It reaches a server the way the load does: no proxy, and the same
 * {@link TlsMaterial} (trust store, private CA, client certificate), set for this connection only
 * ({@link HttpURLConnection} allows that per connection; {@code java.net.http.HttpClient}'s host-name check can only be
 * turned off for the whole JVM). The host name is checked by the JDK's default verifier unless the settings are
 * insecure. The JDK keeps connections alive between calls.
 */
public final class BlockingGet {
  /** A status and its body (an error page's too, read so that the connection can be reused). */
  public record Response(int status, String body) {}

  private final Duration timeout;
  private final int maxBodyBytes;
  private final SSLSocketFactory sockets;
  private final boolean insecure;

  /**
   * @param timeout for the connection, for each read, and for the whole body once the status line has arrived
   * @param tls the load's own TLS settings
   * @throws IllegalArgumentException when a PEM file of {@code tls} is missing or not what is expected
   */
  public BlockingGet(Duration timeout, TlsSettings tls) {
    this(timeout, TlsMaterial.load(tls));
  }

  /** With material already read (several side requests sharing it). */
  public BlockingGet(Duration timeout, TlsMaterial tls) {
    this(timeout, tls, BoundedBody.MAX_BYTES);
  }

  BlockingGet(Duration timeout, TlsMaterial tls, int maxBodyBytes) {
    this.timeout = timeout;
    this.maxBodyBytes = maxBodyBytes;
    this.sockets = tls.jdkContext().getSocketFactory();
    this.insecure = tls.settings().insecure();
  }

  /**
   * @param apiKey sent as {@code Authorization: Bearer} when not null or empty
   * @throws IOException when the server cannot be reached or the answer read, or the body is over 16 MiB or not read
   *     within the timeout; the message never holds the key
   */
  public Response get(URI uri, String apiKey) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
    if (connection instanceof HttpsURLConnection https) {
      https.setSSLSocketFactory(sockets);
      if (insecure) {
        https.setHostnameVerifier((host, session) -> true);
      }
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
