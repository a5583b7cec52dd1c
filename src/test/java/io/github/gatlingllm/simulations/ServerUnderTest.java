package io.github.gatlingllm.simulations;

import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import io.github.gatlingllm.client.TlsSettings;
import io.github.gatlingllm.suite.settings.ModelDiscovery;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server a ready simulation targets: the one named by {@code llm.baseUrl}, or else the embedded mock server
 * started on a free loopback port, so that {@code mvn gatling:test} works on any laptop. Close it in the
 * simulation's {@code after()}.
 *
 * <p>Beside the simulations, not in the main code: the mock is started only by the ready simulations and the tests,
 * so no main class depends on it ({@code LayeringTest}).
 */
public final class ServerUnderTest implements AutoCloseable {
  private static final Map<String, String> EMBEDDED_DEFAULTS = Map.of("mock.ttftMs", "50", "mock.itlMs", "20");

  private final String baseUrl;
  private final MockLlmServer mock;

  private ServerUnderTest(String baseUrl, MockLlmServer mock) {
    this.baseUrl = baseUrl;
    this.mock = mock;
  }

  public static ServerUnderTest resolve(Optional<String> baseUrl) {
    return resolve(baseUrl, EMBEDDED_DEFAULTS);
  }

  /**
   * As {@link #resolve(Optional)}, with the embedded mock's own defaults ({@code mock.*} knobs) chosen by the
   * simulation, e.g. a faster pace so that a many-step demo stays short; {@code -Dmock.*} properties still win.
   */
  public static ServerUnderTest resolve(Optional<String> baseUrl, Map<String, String> mockDefaults) {
    if (baseUrl.isPresent()) {
      return new ServerUnderTest(baseUrl.get(), null);
    }
    // A server with the pace of a small model on one GPU (TTFT 50 ms, ITL 20 ms); -Dmock.ttftMs=..., -Dmock.itlMs=...
    // and the other -Dmock.* knobs (MockServerMain --help lists them) change it.
    Map<String, String> mockKnobs = new HashMap<>(mockDefaults);
    System.getProperties().stringPropertyNames().forEach(name -> mockKnobs.put(name, System.getProperty(name)));
    MockLlmServer mock = MockLlmServer.start(MockConfig.fromProperties(mockKnobs));
    System.out.println(
        "No llm.baseUrl given: started the embedded mock LLM server at "
            + mock.baseUrl()
            + " (TTFT "
            + millis(mock.config().latency().ttftMs())
            + " ms, ITL "
            + millis(mock.config().latency().itlMs())
            + " ms). It shares this JVM's CPU with the load generator: a demo and a test target, not a measurement.");
    return new ServerUnderTest(mock.baseUrl(), mock);
  }

  private static String millis(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  public String baseUrl() {
    return baseUrl;
  }

  public boolean embedded() {
    return mock != null;
  }

  /** The embedded mock's settings, or empty against a real server. */
  public Optional<MockConfig> mockConfig() {
    return embedded() ? Optional.of(mock.config()) : Optional.empty();
  }

  /** The model to request: the given one, the mock's, or the first the server lists. */
  public String model(Optional<String> configured, String apiKey, TlsSettings tls) {
    if (configured.isPresent()) {
      return configured.get();
    }
    return embedded() ? mock.config().served().model() : ModelDiscovery.firstModel(baseUrl, apiKey, tls);
  }

  @Override
  public void close() {
    if (mock != null) {
      mock.close();
    }
  }
}
