package io.github.gatlingllm.mock;

import io.github.gatlingllm.mock.RawHttpConnection.RawResponse;
import java.io.IOException;

/** Reads one sample of a running mock's {@code GET /metrics}, for the tests. */
final class MetricsPage {
  private MetricsPage() {}

  /** The value of the first sample named {@code name} (counters with their {@code _total}). */
  static double value(MockLlmServer server, String name) throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
      RawResponse response = connection.read(connection.send("GET", MockMetrics.PATH, null));
      for (String line : response.body().split("\n")) {
        if (line.startsWith(name + "{")) {
          return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      throw new AssertionError("no " + name + " in " + response.body());
    }
  }
}
