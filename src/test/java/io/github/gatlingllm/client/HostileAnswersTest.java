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
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hostile answers of docs/outputs.md ("Hostile answers"): each one over a real loopback socket, each classified
 * as a failure that says what went wrong, none crashing the client or keeping memory.
 */
class HostileAnswersTest {
  private static final String SECRET = "sk-SECRET-hostile";
  private static final String E1 = "{\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}";

  private static EventLoopGroup group;
  private static EventLoop loop;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeAll
  static void startLoop() {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    loop = group.next();
  }

  @AfterAll
  static void stopLoop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  private ScriptedServer server(ScriptedServer.Script script) throws InterruptedException {
    ScriptedServer s = new ScriptedServer(script);
    toClose.add(s);
    return s;
  }

  private StreamingHttpClient client() {
    return client(ResponseLimits.DEFAULT);
  }

  private StreamingHttpClient client(ResponseLimits limits) {
    StreamingHttpClient c =
        new StreamingHttpClient(
            new ClientSettings(
                NioSocketChannel::new,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                true),
            limits);
    toClose.add(c);
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
        server((ctx, r) -> write(ctx, "HTTP/1.1 200 OK\r\nX-Long: " + longValue + "\r\n" + CHUNKED_SSE_HEADERS.substring(17)
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
}
