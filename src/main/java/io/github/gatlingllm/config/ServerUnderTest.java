package io.github.gatlingllm.config;

import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server a ready simulation targets: the one named by {@code llm.baseUrl}, or else the embedded mock server
 * started on a free loopback port, so that {@code mvn gatling:test} works on any laptop. Close it in the
 * simulation's {@code after()}.
 */
public final class ServerUnderTest implements AutoCloseable {
  private final String baseUrl;
  private final MockLlmServer mock;

  private ServerUnderTest(String baseUrl, MockLlmServer mock) {
    this.baseUrl = baseUrl;
    this.mock = mock;
  }

  public static ServerUnderTest resolve(Optional<String> baseUrl) {
    if (baseUrl.isPresent()) {
      return new ServerUnderTest(baseUrl.get(), null);
    }
    // -Dmock.ttftMs=..., -Dmock.itlMs=... tune the embedded server (MockServerMain --help lists every knob).
    Map<String, String> mockKnobs = new HashMap<>();
    System.getProperties().stringPropertyNames().forEach(name -> mockKnobs.put(name, System.getProperty(name)));
    MockLlmServer mock = MockLlmServer.start(MockConfig.fromProperties(mockKnobs));
    System.out.println("No llm.baseUrl given: started the embedded mock LLM server at " + mock.baseUrl());
    return new ServerUnderTest(mock.baseUrl(), mock);
  }

  public String baseUrl() {
    return baseUrl;
  }

  public boolean embedded() {
    return mock != null;
  }

  /** The model to request: the given one, the mock's, or the first the server lists. */
  public String model(Optional<String> configured, String apiKey) {
    if (configured.isPresent()) {
      return configured.get();
    }
    return embedded() ? mock.config().model() : ModelDiscovery.firstModel(baseUrl, apiKey);
  }

  @Override
  public void close() {
    if (mock != null) {
      mock.close();
    }
  }
}
