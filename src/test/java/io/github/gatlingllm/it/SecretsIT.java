package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.mock.FaultMode;
import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run given every kind of secret (API key, headers, URL credentials), with prompts logged and requests failing both
 * before sending and at the server, writes none of them: not in a file of its run folder, not in a file it adds under
 * {@code target/}, not on its console.
 */
class SecretsIT {
  private static final String API_KEY = "sk-test-SECRET123";
  private static final String HEADER_VALUE = "hdr-S3CR3T-value";
  private static final String PASSWORD = "pw-S3CR3T";
  private static final String TOKEN = "tok-S3CR3T";
  private static final List<String> SECRETS = List.of("SECRET123", HEADER_VALUE, PASSWORD, TOKEN);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path results;

  @BeforeAll
  static void warmUpTheMock() throws Exception {
    WarmMock.warmUpMockCode();
  }

  @Test
  void aRunWithAKeyHeadersAndUrlCredentialsWritesNoneOfThem() throws Exception {
    FileTime started = FileTime.fromMillis(System.currentTimeMillis() - 1_000);
    // Every second request of the run fails at the server: an HTTP error with a body, into error_detail.
    MockConfig config = MockConfig.builder().ttftMs(5).itlMs(2).fault(FaultMode.HTTP_ERROR, 2).build();
    try (MockLlmServer server = MockLlmServer.start(config)) {
      String hostPort = "127.0.0.1:" + server.port();
      Map<String, String> knobs =
          Map.of(
              "llm.baseUrl", "http://user:" + PASSWORD + "@" + hostPort + "/?token=" + TOKEN,
              "llm.extraMetricsUrl", "http://exporter:" + PASSWORD + "@" + hostPort + "/metrics?token=" + TOKEN,
              "llm.secretHeader", HEADER_VALUE);
      GatlingRun run =
          GatlingRun.run(
              "io.github.gatlingllm.it.fixtures.SecretHeaders", knobs, Map.of("OPENAI_API_KEY", API_KEY), results);
      Path folder = run.runFolder();

      // The run did what it is meant to show: requests sent with the secrets, some failed at the server, some refused.
      String csv = Files.readString(folder.resolve("llm-requests.csv"), StandardCharsets.UTF_8);
      assertTrue(csv.contains("x-tenant-key: expected a one-line value"), csv);
      assertTrue(csv.contains("invalid request header #1 x-gateway-key (value not shown)"), csv);
      assertTrue(server.acceptedRequests() >= 6, "requests reached the server: " + server.acceptedRequests());
      JsonNode summary = JSON.readTree(folder.resolve("llm-summary.json").toFile());
      assertEquals(10, summary.get("completed").asInt() + summary.get("failed").asInt(), summary.toString());
      assertTrue(summary.get("failed").asInt() >= 7, "3 server errors, 2 + 2 refused: " + summary);
      assertTrue(Files.exists(folder.resolve("llm-requests.jsonl")), "prompts logged");
      String metricsUrl = summary.get("server_metrics").get("url").asText();
      assertTrue(metricsUrl.contains("http://***@" + hostPort + "/metrics?token=***"), metricsUrl);

      assertNothingWritten(run, started);
    }
  }

  /** The ready simulation that writes server-info.json, its base URL given with credentials. */
  @Test
  void serverInfoSavesTheBaseUrlMasked() throws Exception {
    FileTime started = FileTime.fromMillis(System.currentTimeMillis() - 1_000);
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(5).itlMs(2).build())) {
      String hostPort = "127.0.0.1:" + server.port();
      Map<String, String> knobs = new HashMap<>();
      knobs.put("llm.baseUrl", "http://user:" + PASSWORD + "@" + hostPort + "?token=" + TOKEN);
      knobs.put("llm.extraMetricsUrls", "http://exporter:" + PASSWORD + "@" + hostPort + "/metrics?token=" + TOKEN);
      knobs.put("llm.model", "mock-llm");
      knobs.put("llm.profile", "custom");
      knobs.put("llm.concurrencyLevels", "1");
      knobs.put("llm.randomInputLen", "8");
      knobs.put("llm.randomOutputLen", "4");
      knobs.put("llm.logRequests", "true");
      GatlingRun run =
          GatlingRun.run(
              "io.github.gatlingllm.simulations.ConcurrencyProfiles", knobs, Map.of("OPENAI_API_KEY", API_KEY),
              results);
      assertEquals(0, run.exitCode, run.output);

      JsonNode info = JSON.readTree(run.runFolder().resolve("server-info.json").toFile());
      assertEquals("http://***@" + hostPort + "?token=***", info.get("base_url").asText());
      assertNothingWritten(run, started);
    }
  }

  /** No secret in the run's results folder, in a file the run added under {@code target/}, or on its console. */
  private void assertNothingWritten(GatlingRun run, FileTime started) throws IOException {
    List<String> leaks = new ArrayList<>(leaksIn(results, null));
    // The test runner's own reports are left out: they hold this class's console, where a failure prints the run's.
    leaksIn(Path.of("target"), started).stream()
        .filter(leak -> !leak.contains("failsafe-reports") && !leak.contains("surefire-reports"))
        .forEach(leaks::add);
    for (String secret : SECRETS) {
      if (run.output.contains(secret)) {
        leaks.add("console output: " + secret);
      }
    }
    assertTrue(leaks.isEmpty(), "secrets written: " + leaks + "\n" + run.output);
  }

  /** Each file under {@code root} (changed since {@code since}, when given) holding a secret, with that secret. */
  private static List<String> leaksIn(Path root, FileTime since) throws IOException {
    List<String> leaks = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> all = Files.walk(root)) {
      files = all.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      try {
        if (since != null && Files.getLastModifiedTime(file).compareTo(since) < 0) {
          continue;
        }
        // ISO-8859-1 maps every byte to one char: binary files are read too, and ASCII secrets still match.
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String secret : SECRETS) {
          if (text.contains(secret)) {
            leaks.add(file + ": " + secret);
          }
        }
      } catch (java.nio.file.NoSuchFileException gone) {
        // a file another build step removed while we walked: nothing left to leak
      }
    }
    return leaks;
  }
}
