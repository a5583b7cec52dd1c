package io.github.gatlingllm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.gatlingllm.suite.settings.ModelDiscovery;
import io.github.gatlingllm.servermetrics.KnownFamilies;
import io.github.gatlingllm.servermetrics.MetricsScraper;
import io.github.gatlingllm.servermetrics.ServerReading;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A self-signed HTTPS server whose certificate names "localhost" while the side requests connect to 127.0.0.1: refused
 * by default, reached only when insecure, which must skip both the chain and the host name check, as the load does.
 */
class BlockingGetTlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final byte[] MODELS =
      "{\"object\":\"list\",\"data\":[{\"id\":\"served-model\",\"max_model_len\":8192}]}"
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] PAGE =
      "# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running{model_name=\"m\"} 3.0\n"
          .getBytes(StandardCharsets.UTF_8);

  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private SelfSignedCertificate certificate;
  private HttpsServer server;

  @BeforeEach
  @SuppressWarnings("deprecation") // netty-pkitesting, its replacement, is not on the classpath
  void startServer() throws Exception {
    try {
      certificate = new SelfSignedCertificate("localhost");
    } catch (Exception | LinkageError e) {
      assumeTrue(false, "no self-signed certificate generator available: " + e);
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("server", certificate.key(), PASSWORD, new Certificate[] {certificate.cert()});
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/metrics", exchange -> answer(exchange, PAGE));
    server.createContext("/v1/models", exchange -> answer(exchange, MODELS));
    server.start();
  }

  private void answer(HttpExchange exchange, byte[] body) throws IOException {
    authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @AfterEach
  @SuppressWarnings("deprecation")
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
    if (certificate != null) {
      certificate.delete();
    }
  }

  private URI metrics() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
  }

  @Test
  void trustAllScrapesASelfSignedServerWhoseNameDoesNotMatch() throws Exception {
    MetricsScraper scraper = new MetricsScraper(metrics(), "sk-secret", TlsSettings.VERIFIED.withInsecure(true));
    for (int i = 0; i < 2; i++) {
      ServerReading reading = KnownFamilies.read(scraper.scrape().samples());
      assertEquals(3.0, reading.running());
    }
    assertEquals(List.of("Bearer sk-secret", "Bearer sk-secret"), authorizations);
  }

  @Test
  void withoutTrustAllTheCertificateIsRefusedAndTheMessageSaysWhere() {
    MetricsScraper scraper = new MetricsScraper(metrics(), "sk-secret", TlsSettings.VERIFIED);
    MetricsScraper.ScrapeException e = assertThrows(MetricsScraper.ScrapeException.class, scraper::scrape);
    assertTrue(e.getMessage().startsWith("GET " + metrics() + " failed: javax.net.ssl."), e.getMessage());
    assertTrue(!e.getMessage().contains("sk-secret"), e.getMessage());
    assertTrue(authorizations.isEmpty());
    assertThrows(SSLException.class, () -> new BlockingGet(Duration.ofSeconds(2), TlsSettings.VERIFIED).get(metrics(), null));
  }

  @Test
  void modelDiscoveryReachesASelfSignedServerOnlyWhenTheLoadWouldToo() {
    String baseUrl = "https://127.0.0.1:" + server.getAddress().getPort();
    TlsSettings insecure = TlsSettings.VERIFIED.withInsecure(true);
    assertEquals("served-model", ModelDiscovery.firstModel(baseUrl, "sk-secret", insecure));
    assertEquals(
        8192,
        ModelDiscovery.maxModelLen(ModelDiscovery.modelEntry(baseUrl, null, "served-model", insecure)).getAsInt());
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class, () -> ModelDiscovery.firstModel(baseUrl, "sk-secret", TlsSettings.VERIFIED));
    assertTrue(refused.getMessage().contains("-Dllm.caCert="), refused.getMessage());
    assertEquals(List.of("Bearer sk-secret", "null"), authorizations, "the key never reaches an unverified server");
  }
}
