package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.client.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ready simulation against a loopback HTTPS server whose certificate the JDK does not trust (a self-signed CA's):
 * by default every request is a TLS error and no body reaches the server; {@code llm.insecure=true} runs with the
 * warning line; {@code llm.caCert} naming that CA runs with no warning.
 */
class TlsIT {
  private static final String SIMULATION = "io.github.gatlingllm.simulations.ThroughputBenchmark";
  private static final String WARNING = "TLS certificates are NOT verified";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PROMPTS = 4;

  @TempDir static Path certificates;
  private static TestCertificates.Issued ca;
  private static TestCertificates.Issued server;

  @BeforeAll
  static void makeCertificates() throws Exception {
    TestCertificates made = new TestCertificates(certificates);
    ca = made.ca("it-ca");
    server = made.issued(ca, "it-server", "ip:127.0.0.1", "-1d", 30);
  }

  private static Map<String, String> knobs(HttpsLlmServer https) {
    Map<String, String> knobs = new HashMap<>();
    knobs.put("llm.baseUrl", https.baseUrl());
    knobs.put("llm.model", "tls-model");
    knobs.put("llm.endpoint", "/v1/chat/completions");
    knobs.put("llm.numPrompts", Integer.toString(PROMPTS));
    knobs.put("llm.serverMetrics", "off");
    return knobs;
  }

  private static JsonNode summary(GatlingRun run) throws Exception {
    return JSON.readTree(run.runFolder().resolve("llm-summary.json").toFile());
  }

  @Test
  void byDefaultEveryRequestIsATlsErrorAndNoBodyReachesTheServer(@TempDir Path results) throws Exception {
    try (HttpsLlmServer https = new HttpsLlmServer(server.server())) {
      GatlingRun run = GatlingRun.run(SIMULATION, knobs(https), results);
      JsonNode summary = summary(run);
      assertEquals(0, summary.get("completed").asInt(), run.output);
      assertEquals(PROMPTS, summary.get("failed").asInt(), run.output);
      assertTrue(run.output.contains("TLS error"), run.output);
      String requests = Files.readString(run.runFolder().resolve("llm-requests.csv"));
      assertTrue(requests.contains("unknown CA"), "the reason is each request's error detail: " + requests);
      assertEquals(0, https.bodies.get(), "no request body reaches an unverified server");
      assertFalse(run.output.contains(WARNING), run.output);
    }
  }

  @Test
  void insecureRunsWithTheWarningLine(@TempDir Path results) throws Exception {
    try (HttpsLlmServer https = new HttpsLlmServer(server.server())) {
      Map<String, String> knobs = knobs(https);
      knobs.put("llm.insecure", "true");
      GatlingRun run = GatlingRun.run(SIMULATION, knobs, results);
      assertEquals(0, run.exitCode, run.output);
      assertEquals(PROMPTS, summary(run).get("completed").asInt(), run.output);
      assertEquals(1, run.output.split(WARNING, -1).length - 1, "one warning line: " + run.output);
    }
  }

  @Test
  void theServersCaGivenAsCaCertRunsWithNoWarning(@TempDir Path results) throws Exception {
    try (HttpsLlmServer https = new HttpsLlmServer(server.server())) {
      Map<String, String> knobs = knobs(https);
      knobs.put("llm.caCert", ca.certPem().toString());
      GatlingRun run = GatlingRun.run(SIMULATION, knobs, results);
      assertEquals(0, run.exitCode, run.output);
      assertEquals(PROMPTS, summary(run).get("completed").asInt(), run.output);
      assertEquals(PROMPTS, https.bodies.get());
      assertFalse(run.output.contains(WARNING), run.output);
    }
  }
}
