package io.github.gatlingllm.servermetrics;

import io.github.gatlingllm.client.HttpTarget;
import io.github.gatlingllm.client.ServerRoot;
import java.net.URI;

/**
 * Where a server's Prometheus metrics live. Inference servers serve {@code /metrics} at the root, whatever prefix the
 * API routes have ({@code llm.baseUrl} may be {@code http://host:8000/v1} or a gateway path), so only the scheme, host
 * and port of the base URL are kept.
 */
public final class MetricsEndpoint {
  private MetricsEndpoint() {}

  public static URI of(HttpTarget target) {
    return ServerRoot.uri(target, "/metrics");
  }
}
