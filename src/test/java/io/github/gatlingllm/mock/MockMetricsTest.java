package io.github.gatlingllm.mock;

import io.github.gatlingllm.client.TlsSettings;
import static io.github.gatlingllm.mock.Bodies.COMPLETIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.gatlingllm.client.HttpTarget;
import io.github.gatlingllm.servermetrics.KnownFamilies;
import io.github.gatlingllm.servermetrics.MetricsEndpoint;
import io.github.gatlingllm.servermetrics.MetricsScraper;
import io.github.gatlingllm.servermetrics.ServerMetricsRecorder;
import io.github.gatlingllm.servermetrics.ServerMetricsResult;
import io.github.gatlingllm.servermetrics.ServerMetricsSampler;
import io.github.gatlingllm.servermetrics.ServerMetricsSettings.Mode;
import io.github.gatlingllm.servermetrics.ServerReading;
import io.github.gatlingllm.servermetrics.ServerSample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mock's {@code GET /metrics} read by the plugin's own scraper, over loopback. */
class MockMetricsTest {
  private static final int STREAMS = 3;
  private static final int PROMPT_WORDS = 10;
  private static final int KV_CAPACITY = 1000;

  @Test
  void streamsHeldOpenShowAsRunningAndFillTheKvCache() throws Exception {
    // TTFT 0 and a 10-minute gap after the first token: every stream stays open, one token in, until closed.
    MockConfig config = MockConfig.builder().ttftMs(0).itlMs(600_000).kvCacheTokens(KV_CAPACITY).build();
    List<RawHttpConnection> connections = new ArrayList<>();
    try (MockLlmServer server = MockLlmServer.start(config)) {
      MetricsScraper scraper = scraper(server.baseUrl() + "/v1", "secret");
      ServerReading idle = KnownFamilies.read(scraper.scrape().samples());
      assertEquals(0.0, idle.running());
      assertEquals(0.0, idle.kvCacheUsage());

      for (int i = 0; i < STREAMS; i++) {
        RawHttpConnection c = new RawHttpConnection(server.port());
        connections.add(c);
        c.send("POST", COMPLETIONS, Bodies.ignoreEos(Bodies.completion(PROMPT_WORDS, 5, true)).toString());
      }
      ServerReading held = untilRunning(scraper, STREAMS);
      assertEquals(STREAMS, held.running());
      assertEquals(0.0, held.waiting());
      // Each stream holds its prompt, plus its first token once sent.
      assertTrue(held.kvCacheUsage() >= STREAMS * PROMPT_WORDS / (double) KV_CAPACITY, "kv " + held.kvCacheUsage());
      assertTrue(held.kvCacheUsage() <= STREAMS * (PROMPT_WORDS + 1) / (double) KV_CAPACITY, "kv " + held.kvCacheUsage());
      assertEquals(STREAMS * PROMPT_WORDS, held.prefixCacheQueries());
      assertEquals(0.0, held.prefixCacheHits());

      // The sampler's own path: two scrapes into a recorder, rows handed on as they come.
      List<ServerSample> rows = new ArrayList<>();
      ServerMetricsRecorder recorder = new ServerMetricsRecorder(scraper.uri().toString(), System.nanoTime(), rows::add);
      ServerMetricsSampler sampler = new ServerMetricsSampler(List.of(scraper), recorder);
      sampler.scrapeOnce();
      sampler.scrapeOnce();
      ServerMetricsResult result = sampler.result();
      assertEquals(2, result.scrapes());
      assertEquals(0, result.failures());
      assertEquals(STREAMS, result.series().get(ServerSample.RUNNING).max());
      assertEquals(0.0, result.preemptions());
      assertTrue(rows.stream().anyMatch(r -> r.series().equals(ServerSample.KV_CACHE_USAGE) && r.value() > 0));
    } finally {
      for (RawHttpConnection c : connections) {
        c.close();
      }
    }
  }

  /** A DCGM exporter beside the server: both scraped at each period and read as one server. */
  @Test
  void anExtraEndpointAddsGpuMemoryAndAnExtraThatDoesNotAnswerIsLeftOut() throws Exception {
    byte[] dcgm = "DCGM_FI_DEV_FB_USED{gpu=\"0\"} 2048\nDCGM_FI_DEV_FB_USED{gpu=\"1\"} 1024\n"
        .getBytes(StandardCharsets.UTF_8);
    List<String> exporterAuth = new ArrayList<>();
    HttpServer exporter = serving("/metrics", 200, dcgm, exporterAuth);
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().build())) {
      MetricsScraper vllm = scraper(server.baseUrl(), null);
      MetricsScraper gpu =
          new MetricsScraper(URI.create("http://127.0.0.1:" + exporter.getAddress().getPort() + "/metrics"), null, TlsSettings.VERIFIED);
      MetricsScraper gone = new MetricsScraper(URI.create("http://127.0.0.1:1/metrics"), null, TlsSettings.VERIFIED);
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      List<MetricsScraper> live = ServerMetricsSampler.probe(List.of(vllm, gpu, gone), Mode.AUTO);
      System.setOut(console);
      assertEquals(List.of(vllm, gpu), live);
      assertTrue(printed.toString(StandardCharsets.UTF_8).startsWith("Server metrics off: GET " + gone.uri()),
          printed.toString(StandardCharsets.UTF_8));
      assertThrows(IllegalStateException.class, () -> ServerMetricsSampler.probe(List.of(vllm, gone), Mode.ON));

      ServerMetricsRecorder recorder = new ServerMetricsRecorder("both", System.nanoTime(), row -> {});
      ServerMetricsSampler sampler = new ServerMetricsSampler(live, recorder);
      sampler.scrapeOnce();
      ServerMetricsResult result = sampler.result();
      assertEquals(1, result.scrapes());
      assertEquals(0.0, result.series().get(ServerSample.RUNNING).max(), "the server's series");
      assertEquals(3072 * 1024.0 * 1024.0, result.series().get(ServerSample.GPU_MEMORY_USED).max(), "the exporter's");
      assertTrue(exporterAuth.stream().allMatch("null"::equals), "no key is sent to the exporter: " + exporterAuth);
    } finally {
      System.setOut(console);
      exporter.stop(0);
    }
  }

  @Test
  void theMetricsPageIsPrometheusTextWithVllmNames() throws Exception {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().build())) {
      String body = new String(
          java.net.http.HttpClient.newHttpClient()
              .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/metrics")).build(),
                  java.net.http.HttpResponse.BodyHandlers.ofByteArray())
              .body(),
          StandardCharsets.UTF_8);
      assertTrue(body.contains("# TYPE vllm:num_requests_running gauge\n"), body);
      assertTrue(body.contains("vllm:num_requests_running{model_name=\"mock-llm\",engine=\"0\"} 0.0\n"), body);
      assertTrue(body.contains("vllm:prefix_cache_queries_total{model_name=\"mock-llm\",engine=\"0\"} 0.0\n"), body);
    }
  }

  @Test
  void autoTurnsOffWithOneLineAndOnFailsNamingTheUrlAndStatus() throws Exception {
    HttpServer other =
        serving("/", 404, "<html><body>Not Found</body></html>".getBytes(StandardCharsets.UTF_8), new ArrayList<>());
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      MetricsScraper scraper = scraper("http://127.0.0.1:" + other.getAddress().getPort() + "/v1", null);
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      assertEquals(List.of(), ServerMetricsSampler.probe(List.of(scraper), Mode.AUTO));
      System.setOut(console);
      String line = printed.toString(StandardCharsets.UTF_8);
      assertTrue(line.startsWith("Server metrics off: GET " + scraper.uri() + " answered HTTP 404"), line);
      assertEquals(1, line.lines().count());

      IllegalStateException e = assertThrows(IllegalStateException.class, () -> ServerMetricsSampler.probe(List.of(scraper), Mode.ON));
      assertTrue(e.getMessage().contains(scraper.uri() + " answered HTTP 404"), e.getMessage());
      assertEquals(List.of(), ServerMetricsSampler.probe(List.of(scraper), Mode.OFF));
    } finally {
      System.setOut(console);
      other.stop(0);
    }
  }

  /** A loopback server answering every request under {@code path} with {@code status} and {@code page}. */
  private static HttpServer serving(String path, int status, byte[] page, List<String> authorizations)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(path, exchange -> {
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      exchange.sendResponseHeaders(status, page.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(page);
      }
    });
    server.start();
    return server;
  }

  private static MetricsScraper scraper(String baseUrl, String apiKey) {
    return new MetricsScraper(MetricsEndpoint.of(HttpTarget.parse(baseUrl)), apiKey, TlsSettings.VERIFIED);
  }

  /** Scrapes until the server has taken every request in (the sends are asynchronous); bounded, not timed. */
  private static ServerReading untilRunning(MetricsScraper scraper, int expected) throws Exception {
    ServerReading r = null;
    for (int i = 0; i < 1_000; i++) {
      r = KnownFamilies.read(scraper.scrape().samples());
      if (r.running() >= expected) {
        return r;
      }
      Thread.sleep(10);
    }
    return r;
  }
}
