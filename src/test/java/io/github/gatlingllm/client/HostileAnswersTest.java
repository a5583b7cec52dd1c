package io.github.gatlingllm.client;

import static io.github.gatlingllm.client.ScriptedServer.CHUNKED_SSE_HEADERS;
import static io.github.gatlingllm.client.ScriptedServer.LAST_CHUNK;
import static io.github.gatlingllm.client.ScriptedServer.chunk;
import static io.github.gatlingllm.client.ScriptedServer.chunkedSse;
import static io.github.gatlingllm.client.ScriptedServer.withContentLength;
import static io.github.gatlingllm.client.ScriptedServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.client.ClientFailure.Kind;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The hostile answers of docs/outputs.md ("Hostile answers"): each one over a real loopback socket, each classified
 * as a failure that says what went wrong, none crashing the client or keeping memory.
 */
class HostileAnswersTest extends EventLoopTest {
  private static final String SECRET = "sk-SECRET-hostile";
  private static final String E1 = "{\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}";

  private ScriptedServer server(ScriptedServer.Script script) throws InterruptedException {
    ScriptedServer s = new ScriptedServer(script);
    track(s);
    return s;
  }

  private StreamingHttpClient client() {
    return client(ResponseLimits.DEFAULT);
  }

  private StreamingHttpClient client(ResponseLimits limits) {
    return client(limits, Duration.ofSeconds(10));
  }

  /** {@code timeout} for the first token, between events and in total; zero disables them. */
  private StreamingHttpClient client(ResponseLimits limits, Duration timeout) {
    StreamingHttpClient c =
        new StreamingHttpClient(
            new ClientSettings(NioSocketChannel::new, Duration.ofSeconds(2), timeout, timeout, timeout, TlsSettings.VERIFIED), limits);
    track(c);
    return c;
  }

  private static StreamingRequest request(int port) {
    return new StreamingRequest(
        new HttpTarget(false, "127.0.0.1", port, ""),
        "/v1/chat/completions",
        List.of(Map.entry("Authorization", "Bearer " + SECRET)),
        "{\"stream\":true}".getBytes(StandardCharsets.UTF_8));
  }

  private static RecordingHandler execute(StreamingHttpClient client, StreamingRequest request) {
    RecordingHandler handler = new RecordingHandler(loop);
    loop.execute(() -> client.execute(loop, request, handler));
    return handler;
  }

  private static String sse(String data) {
    return "data: " + data + "\n\n";
  }

  private static void assertNoSecret(ClientFailure failure) {
    assertFalse(failure.detail().contains(SECRET), failure.detail());
  }

  // ---- a 200 that is not a stream ----

  @Test
  void a200JsonAnswerFailsNamingItsContentTypeAndFirstBytes() throws Exception {
    ScriptedServer server =
        server((ctx, r) -> write(ctx, withContentLength("200 OK", "application/json", "{\"id\":\"cmpl-1\",\"choices\":[]}")));
    RecordingHandler h = execute(client(), request(server.port()));
    h.assertFailed(Kind.PROTOCOL_ERROR);
    assertTrue(h.failure.detail().contains("application/json"), h.failure.detail());
    assertTrue(h.failure.detail().contains("{\"id\":\"cmpl-1\""), h.failure.detail());
    assertEquals(List.of(), h.data);
  }

  @Test
  void a200HtmlAnswerFailsNamingItsContentTypeAndFirstBytes() throws Exception {
    ScriptedServer server =
        server(
            (ctx, r) ->
                write(ctx, withContentLength("200 OK", "text/html; charset=utf-8", "<html><body>Sign in</body></html>")));
    RecordingHandler h = execute(client(), request(server.port()));
    h.assertFailed(Kind.PROTOCOL_ERROR);
    assertTrue(h.failure.detail().contains("text/html"), h.failure.detail());
    assertTrue(h.failure.detail().contains("<html><body>Sign in"), h.failure.detail());
  }

  @Test
  void anEventStreamWithACharsetOrNoContentTypeIsStillAStream() throws Exception {
    ScriptedServer server =
        server(
            (ctx, r) -> {
              String headers = r.indexOnConnection() == 0
                  ? "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n"
                  : "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
              write(ctx, headers + chunk(sse(E1)) + LAST_CHUNK);
            });
    StreamingHttpClient client = client();
    execute(client, request(server.port())).assertSucceeded(List.of(E1));
    execute(client, request(server.port())).assertSucceeded(List.of(E1));
  }

  // ---- content encodings ----

  @Test
  void aGzipStreamIsDecoded() throws Exception {
    byte[] gz = gzip(sse(E1) + sse("[DONE]"));
    ScriptedServer server =
        server(
            (ctx, r) -> {
              write(ctx, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Encoding: gzip\r\n"
                  + "Content-Length: " + gz.length + "\r\n\r\n");
              ctx.writeAndFlush(Unpooled.wrappedBuffer(gz));
            });
    execute(client(), request(server.port())).assertSucceeded(List.of(E1, "[DONE]"));
  }

  @Test
  void anUnknownContentEncodingIsAClearFailure() throws Exception {
    ScriptedServer server =
        server(
            (ctx, r) -> write(ctx, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Encoding: xz\r\n"
                + "Content-Length: 4\r\n\r\n\u0001\u0002\u0003\u0004"));
    RecordingHandler h = execute(client(), request(server.port()));
    h.assertFailed(Kind.PROTOCOL_ERROR);
    assertTrue(h.failure.detail().contains("xz"), h.failure.detail());
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  // ---- transport faults ----

  @Test
  void aTcpResetMidStreamIsConnectionClosed() throws Exception {
    ScriptedServer server =
        server(
            (ctx, r) -> {
              write(ctx, CHUNKED_SSE_HEADERS + chunk(sse(E1)));
              // SO_LINGER 0: the close sends RST instead of FIN.
              ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
              ctx.executor().schedule(() -> ctx.close(), 50, TimeUnit.MILLISECONDS);
            });
    RecordingHandler h = execute(client(), request(server.port()));
    h.assertFailed(Kind.CONNECTION_CLOSED);
    assertEquals(List.of(E1), h.data);
    assertEquals(1, server.requests.size(), "a request that got an answer is never sent again");
  }

  @Test
  void aTenThousandCharacterHeaderLineIsAProtocolErrorThatDoesNotEchoIt() throws Exception {
    String longValue = "v".repeat(10_000);
    ScriptedServer server =
        server(
            (ctx, r) ->
                write(ctx, CHUNKED_SSE_HEADERS.replace("\r\n\r\n", "\r\nX-Long: " + longValue + "\r\n\r\n")
                    + chunk(sse(E1)) + LAST_CHUNK));
    RecordingHandler h = execute(client(), request(server.port()));
    h.assertFailed(Kind.PROTOCOL_ERROR);
    assertFalse(h.failure.detail().contains("vvvvvvvvvv"), h.failure.detail());
    assertTrue(h.failure.detail().length() <= 400, h.failure.detail());
  }

  // ---- statuses ----

  @Test
  void aRedirectIsNotFollowedAndTheKeyGoesNowhereElse() throws Exception {
    ScriptedServer elsewhere = server((ctx, r) -> chunkedSse(ctx, sse(E1)));
    ScriptedServer server =
        server(
            (ctx, r) -> write(ctx, "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:" + elsewhere.port()
                + "/v1/chat/completions\r\nContent-Length: 0\r\n\r\n"));
    RecordingHandler h = execute(client(), request(server.port()));
    h.assertFailed(Kind.HTTP_STATUS);
    assertEquals(307, h.failure.httpStatus());
    assertEquals(0, elsewhere.accepted.get());
    assertNoSecret(h.failure);
  }

  @Test
  void a101SwitchingProtocolsFailsAndItsConnectionIsNeverReused() throws Exception {
    ScriptedServer server =
        server(
            (ctx, r) -> {
              if (r.connection() == 1) {
                write(ctx, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                    + "\u0081\u0005hello");
              } else {
                chunkedSse(ctx, sse(E1));
              }
            });
    StreamingHttpClient client = client();
    RecordingHandler h = execute(client, request(server.port()));
    h.assertFailed(Kind.HTTP_STATUS);
    assertEquals(101, h.failure.httpStatus());
    execute(client, request(server.port())).assertSucceeded(List.of(E1));
    assertEquals(2, server.accepted.get());
  }

  @Test
  void trailersAfterTheLastChunkAreIgnored() throws Exception {
    ScriptedServer server =
        server(
            (ctx, r) -> write(ctx, CHUNKED_SSE_HEADERS + chunk(sse(E1)) + "0\r\nX-Usage: 12\r\nX-Checksum: abc\r\n\r\n"));
    StreamingHttpClient client = client();
    execute(client, request(server.port())).assertSucceeded(List.of(E1));
    execute(client, request(server.port())).assertSucceeded(List.of(E1));
    assertEquals(1, server.accepted.get(), "the connection stays usable after trailers");
  }

  // ---- endless and huge ----

  @Test
  void anEndlessStreamFailsAtTheBodyCap() throws Exception {
    String event = sse(E1);
    ScriptedServer server =
        server(
            (ctx, r) -> {
              write(ctx, CHUNKED_SSE_HEADERS);
              endless(ctx, chunk(event));
            });
    RecordingHandler h = execute(client(new ResponseLimits(64 * 1024, true)), request(server.port()));
    h.assertFailed(Kind.PROTOCOL_ERROR);
    assertTrue(h.failure.detail().contains("longer than 65536 bytes"), h.failure.detail());
    assertTrue(h.data.size() * (long) event.length() <= 64 * 1024, "events past the cap: " + h.data.size());
  }

  @Test
  void anEndlessErrorPageFailsAtTheBodyCapWithItsStatus() throws Exception {
    ScriptedServer server =
        server(
            (ctx, r) -> {
              write(ctx, "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n");
              endless(ctx, chunk("<p>busy</p>"));
            });
    RecordingHandler h = execute(client(new ResponseLimits(64 * 1024, true)), request(server.port()));
    h.assertFailed(Kind.HTTP_STATUS);
    assertEquals(503, h.failure.httpStatus());
    assertTrue(h.failure.detail().startsWith("<p>busy</p>"), h.failure.detail());
  }

  /** Writes {@code chunk} again each time the previous write is flushed, until the client goes away. */
  private static void endless(io.netty.channel.ChannelHandlerContext ctx, String chunk) {
    ctx.writeAndFlush(Unpooled.copiedBuffer(chunk, StandardCharsets.UTF_8))
        .addListener(f -> {
          if (f.isSuccess()) {
            endless(ctx, chunk);
          }
        });
  }

  @Test
  void oneHugeEventOnEachOf100ConnectionsLeavesNoLargeBufferBehind() throws Exception {
    int connections = 100;
    int eventBytes = 15 * 1024 * 1024;
    // One event of 15 MiB of JSON string (the decoder's limit is 16 MiB), sent on one connection at a time so that
    // the test itself never needs 1.5 GiB; every connection stays open and idle in the pool afterwards.
    String huge = "{\"x\":\"" + "a".repeat(eventBytes - 8) + "\"}";
    List<io.netty.channel.ChannelHandlerContext> waiting = new java.util.concurrent.CopyOnWriteArrayList<>();
    ScriptedServer server =
        server(
            (ctx, r) -> {
              write(ctx, CHUNKED_SSE_HEADERS);
              // Each answer waits for its event until every request is in flight: 100 distinct connections.
              waiting.add(ctx);
            });
    // No timeouts: the last request waits for 99 huge events before its own, however slow the machine.
    StreamingHttpClient client = client(ResponseLimits.DEFAULT, Duration.ZERO);
    List<RecordingHandler> handlers = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      RecordingHandler h = new RecordingHandler(loop);
      h.lengthsOnly = true;
      handlers.add(h);
      loop.execute(() -> client.execute(loop, request(server.port()), h));
    }
    while (waiting.size() < connections) {
      Thread.sleep(10);
    }
    for (int i = 0; i < connections; i++) {
      io.netty.channel.ChannelHandlerContext ctx = waiting.get(i);
      RecordingHandler h = handlers.get(i);
      ctx.writeAndFlush(Unpooled.copiedBuffer(chunk(sse(huge)) + LAST_CHUNK, StandardCharsets.UTF_8));
      h.await(); // one 15 MiB event in flight at a time
    }
    for (int i = 0; i < connections; i++) {
      RecordingHandler h = handlers.get(i);
      assertEquals(List.of(), h.violations);
      assertEquals(List.of(huge.length() + " bytes"), h.data);
      assertEquals("end", h.calls.get(h.calls.size() - 1));
      int retained = h.lastEvent.capacity();
      assertTrue(retained <= SseEvent.MAX_RETAINED_BYTES, "connection " + i + " retains " + retained + " bytes");
    }
    assertEquals(connections, server.accepted.get());
    assertEquals(List.of(), List.copyOf(server.closed), "all connections are still open, idle in the pool");
  }

  // ---- a pooled connection closed before any answer ----

  @Test
  void anUnansweredPostOnAStaleConnectionIsSentOnceMoreByDefault() throws Exception {
    ScriptedServer server = staleSecondRequest();
    StreamingHttpClient client = client();
    execute(client, request(server.port())).assertSucceeded(List.of(E1));
    RecordingHandler h = execute(client, request(server.port())).await();
    assertEquals(List.of("send", "send", "start:200", "event", "end"), h.calls, "sent, dropped, sent again");
    assertEquals(3, server.requests.size(), "the second POST reached the server twice");
  }

  @Test
  void withRetryOffAnUnansweredPostFailsAndIsSentOnce() throws Exception {
    ScriptedServer server = staleSecondRequest();
    StreamingHttpClient client = client(new ResponseLimits(ResponseLimits.DEFAULT_MAX_BODY_BYTES, false));
    execute(client, request(server.port())).assertSucceeded(List.of(E1));
    RecordingHandler h = execute(client, request(server.port()));
    h.assertFailed(Kind.CONNECTION_CLOSED);
    assertTrue(h.failure.detail().contains("before the response"), h.failure.detail());
    assertEquals(2, server.requests.size());
  }

  /** Answers the first request of connection 1, then drops connection 1 when the second arrives on it. */
  private ScriptedServer staleSecondRequest() throws InterruptedException {
    return server(
        (ctx, r) -> {
          if (r.connection() == 1 && r.indexOnConnection() == 1) {
            ctx.close();
          } else {
            chunkedSse(ctx, sse(E1));
          }
        });
  }
}
