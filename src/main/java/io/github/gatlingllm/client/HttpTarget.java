package io.github.gatlingllm.client;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A server to connect to: the key of a connection pool.
 *
 * @param tls true for https
 * @param host host name or IP literal
 * @param port TCP port (defaults already applied: 80 / 443)
 * @param basePath path prefix from the base URL without trailing slash ("" when none), e.g. "/openai"
 */
public record HttpTarget(boolean tls, String host, int port, String basePath) {

  /** Parses a base URL such as {@code http://127.0.0.1:8000} or {@code https://api.example.com/v1proxy}. */
  public static HttpTarget parse(String baseUrl) {
    String shown = SafeUrl.mask(baseUrl); // the errors below outlive the run: no credential of the URL in them
    URI uri;
    try {
      uri = new URI(baseUrl.trim());
    } catch (URISyntaxException e) {
      // The reason only, and no cause: the parser's own message (and so a stack trace) repeats the whole URL.
      throw new IllegalArgumentException(
          "Invalid base URL '" + shown + "' (" + e.getReason() + "): expected http://host[:port][/path] or"
              + " https://host[:port][/path]");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "Invalid base URL '" + shown + "': scheme must be http or https, got '" + uri.getScheme() + "'");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("Invalid base URL '" + shown + "': no host");
    }
    boolean tls = scheme.equals("https");
    int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new HttpTarget(tls, host, port, path);
  }

  /** The value of the Host header. */
  public String hostHeader() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    boolean defaultPort = (tls && port == 443) || (!tls && port == 80);
    return defaultPort ? h : h + ":" + port;
  }
}
