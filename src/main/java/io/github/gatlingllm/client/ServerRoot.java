package io.github.gatlingllm.client;

import java.net.URI;

/**
 * A path at the root of the server a base URL points to. Inference servers serve their side routes ({@code /metrics},
 * Ollama's {@code /api/ps}) at the root, whatever prefix the API routes have ({@code llm.baseUrl} may be
 * {@code http://host:8000/v1} or a gateway path), so only the scheme, host and port are kept.
 */
public final class ServerRoot {
  private ServerRoot() {}

  /** {@code path} (starting with '/') at the root of {@code target}. */
  public static URI uri(HttpTarget target, String path) {
    String host = target.host();
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]"; // an IPv6 literal
    }
    return URI.create((target.tls() ? "https" : "http") + "://" + host + ":" + target.port() + path);
  }
}
