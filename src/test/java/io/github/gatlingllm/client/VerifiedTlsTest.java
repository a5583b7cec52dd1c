package io.github.gatlingllm.client;

import static io.github.gatlingllm.client.ScriptedServer.chunkedSse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates are verified by default, by the load's Netty client and by the side requests' JDK client alike, against
 * loopback servers with certificates made here: a private CA's (trusted only with caCert), a self-signed one, one for
 * another host, an expired one; and mutual TLS. A refused server never receives the request (nor its key).
 */
class VerifiedTlsTest {
  private static final String EVENT = "{\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}";
  private static final String KEY = "sk-tls-test";

  @TempDir static Path dir;
  private static TestCertificates.Issued ca;
  private static TestCertificates.Issued good;
  private static MultiThreadIoEventLoopGroup group;
  private static EventLoop loop;

  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeAll
  static void makeCertificates() throws Exception {
    TestCertificates certificates = new TestCertificates(dir);
    ca = certificates.ca("test-ca");
    good = certificates.issued(ca, "good", "ip:127.0.0.1", "-1d", 30);
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    loop = group.next();
  }

  @AfterAll
  static void stopLoop() {
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private ScriptedServer server(SslContext ssl) throws InterruptedException {
    ScriptedServer server = new ScriptedServer(ssl, (ctx, r) -> chunkedSse(ctx, "data: " + EVENT + "\n\n"));
    open.add(server);
    return server;
  }

  private RecordingHandler stream(TlsSettings tls, int port) {
    StreamingHttpClient client =
        new StreamingHttpClient(
            new ClientSettings(
                NioSocketChannel::new, Duration.ofSeconds(5), Duration.ZERO, Duration.ZERO, Duration.ZERO, tls));
    open.add(client);
    StreamingRequest request =
        new StreamingRequest(
            new HttpTarget(true, "127.0.0.1", port, ""),
            "/v1/chat/completions",
            List.of(Map.entry("Authorization", "Bearer " + KEY)),
            "{\"stream\":true}".getBytes(StandardCharsets.UTF_8));
    RecordingHandler handler = new RecordingHandler(loop);
    loop.execute(() -> client.execute(loop, request, handler));
    return handler;
  }

  private static BlockingGet.Response get(TlsSettings tls, int port) throws Exception {
    return new BlockingGet(Duration.ofSeconds(5), tls).get(URI.create("https://127.0.0.1:" + port + "/metrics"), KEY);
  }

  private static TlsSettings trustingTheCa() {
    return TlsSettings.VERIFIED.withCaCert(ca.certPem());
  }

  @Test
  void aServerIssuedByTheGivenCaIsTrustedByBothClients() throws Exception {
    ScriptedServer server = server(good.server());
    stream(trustingTheCa(), server.port()).assertSucceeded(List.of(EVENT));
    assertEquals(200, get(trustingTheCa(), server.port()).status());
    assertEquals(2, server.requests.size());
  }

  @Test
  void withoutTheCaTheServerIsAnUnknownCaAndReceivesNothing() throws Exception {
    ScriptedServer server = server(good.server());
    RecordingHandler h = stream(TlsSettings.VERIFIED, server.port());
    h.assertFailed(ClientFailure.Kind.TLS_ERROR);
    assertTrue(h.failure.detail().startsWith("unknown CA: "), h.failure.detail());
    assertEquals(List.of("failure:TLS_ERROR"), h.calls, "never sent");
    assertThrows(SSLException.class, () -> get(TlsSettings.VERIFIED, server.port()));
    assertTrue(server.requests.isEmpty());
  }

  @Test
  void aSelfSignedCertificateIsAnUnknownCaUnlessInsecure() throws Exception {
    TestCertificates.Issued self = new TestCertificates(dir).selfSigned("self", "ip:127.0.0.1");
    ScriptedServer server = server(self.server());
    RecordingHandler h = stream(trustingTheCa(), server.port());
    h.assertFailed(ClientFailure.Kind.TLS_ERROR);
    assertTrue(h.failure.detail().startsWith("unknown CA: "), h.failure.detail());
    assertTrue(server.requests.isEmpty());

    TlsSettings insecure = TlsSettings.VERIFIED.withInsecure(true);
    stream(insecure, server.port()).assertSucceeded(List.of(EVENT));
    assertEquals(200, get(insecure, server.port()).status());
  }

  @Test
  void aCertificateForAnotherHostIsAHostNameMismatch() throws Exception {
    TestCertificates.Issued other = new TestCertificates(dir).issued(ca, "other", "dns:other.example", "-1d", 30);
    ScriptedServer server = server(other.server());
    RecordingHandler h = stream(trustingTheCa(), server.port());
    h.assertFailed(ClientFailure.Kind.TLS_ERROR);
    assertTrue(h.failure.detail().startsWith("host-name mismatch: "), h.failure.detail());
    SSLException side = assertThrows(SSLException.class, () -> get(trustingTheCa(), server.port()));
    assertEquals("host-name mismatch", Failures.tlsReason(side));
    assertTrue(server.requests.isEmpty());
  }

  @Test
  void anExpiredCertificateSaysSo() throws Exception {
    TestCertificates.Issued expired = new TestCertificates(dir).issued(ca, "expired", "ip:127.0.0.1", "-10d", 1);
    ScriptedServer server = server(expired.server());
    RecordingHandler h = stream(trustingTheCa(), server.port());
    h.assertFailed(ClientFailure.Kind.TLS_ERROR);
    assertTrue(h.failure.detail().startsWith("certificate expired: "), h.failure.detail());
    SSLException side = assertThrows(SSLException.class, () -> get(trustingTheCa(), server.port()));
    assertEquals("certificate expired", Failures.tlsReason(side));
    assertTrue(server.requests.isEmpty());
  }

  @Test
  void mutualTlsShowsTheClientCertificate() throws Exception {
    TestCertificates certificates = new TestCertificates(dir);
    TestCertificates.Issued clientCa = certificates.ca("client-ca");
    TestCertificates.Issued client = certificates.issued(clientCa, "client", "dns:client.example", "-1d", 30);
    ScriptedServer server = server(good.serverRequiringClient(clientCa));
    TlsSettings mutual = trustingTheCa().withClientCertificate(client.certPem(), client.keyPem());
    stream(mutual, server.port()).assertSucceeded(List.of(EVENT));
    assertEquals(200, get(mutual, server.port()).status());
    assertEquals(2, server.requests.size());

    stream(trustingTheCa(), server.port()).assertFailed(ClientFailure.Kind.TLS_ERROR);
    assertEquals(2, server.requests.size(), "no certificate, no request");
  }
}
