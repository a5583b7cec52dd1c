package io.github.gatlingllm.client;

import static io.github.gatlingllm.client.ScriptedServer.CHUNKED_SSE_HEADERS;
import static io.github.gatlingllm.client.ScriptedServer.LAST_CHUNK;
import static io.github.gatlingllm.client.ScriptedServer.chunk;
import static io.github.gatlingllm.client.ScriptedServer.chunkedSse;
import static io.github.gatlingllm.client.ScriptedServer.withContentLength;
import static io.github.gatlingllm.client.ScriptedServer.write;
import static io.github.gatlingllm.client.ScriptedServer.writeAndClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.gatlingllm.client.ClientFailure.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StreamingHttpClientTest extends EventLoopTest {
  private static final String SECRET = "sk-SECRET-0123456789";
  private static final String BODY = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  // ---- helpers ----

  private ScriptedServer server(ScriptedServer.Script script) throws InterruptedException {
    return track(new ScriptedServer(script));
  }

  private StreamingHttpClient client(Duration firstToken, Duration idle, Duration total) {
    return client(NioSocketChannel::new, firstToken, idle, total, true);
  }

  private StreamingHttpClient client() {
    return client(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  private StreamingHttpClient client(
      ChannelFactory<? extends SocketChannel> factory,
      Duration firstToken,
      Duration idle,
      Duration total,
      boolean trustAll) {
    return track(
        new StreamingHttpClient(
            new ClientSettings(factory, Duration.ofSeconds(2), firstToken, idle, total, TlsSettings.VERIFIED.withInsecure(trustAll))));
  }

  private static StreamingRequest request(int port) {
    return request(port, false);
  }

  private static StreamingRequest request(int port, boolean tls) {
    return new StreamingRequest(
        new HttpTarget(tls, "127.0.0.1", port, "/base"),
        "/v1/chat/completions",
        List.of(Map.entry("Authorization", "Bearer " + SECRET), Map.entry("X-Test", "yes")),
        BODY.getBytes(StandardCharsets.UTF_8));
  }

  private static RecordingHandler execute(StreamingHttpClient client, EventLoop on, StreamingRequest request) {
    RecordingHandler handler = new RecordingHandler(on);
    on.execute(() -> client.execute(on, request, handler));
    return handler;
  }

  private static RecordingHandler execute(StreamingHttpClient client, StreamingRequest request) {
    return execute(client, loop, request);
  }

  /** Lets every task already queued on the loop run: callbacks triggered by past I/O have happened after this. */
  private static void drainLoop() {
    loop.submit(() -> {}).syncUninterruptibly();
  }

  private static String sse(String data) {
    return "data: " + data + "\n\n";
  }

  private static final String E1 = "{\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}";
  private static final String E2 = "{\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}";

  // ---- framings ----

  @Test
  void chunkedStreamDeliversEventsInOrderAndSendsTheRightRequest() throws Exception {
    ScriptedServer server =
        server(
            (ctx, r) -> {
              write(ctx, CHUNKED_SSE_HEADERS);
              write(ctx, chunk(sse(E1)));
              String second = sse(E2);
              write(ctx, chunk(second.substring(0, 9))); // an event split across chunks (and reads)
              write(ctx, chunk(second.substring(9) + "data: [DONE]\n\n"));
              write(ctx, LAST_CHUNK);
            });
    StreamingHttpClient client = client();
    RecordingHandler h = execute(client, request(server.port()));
    h.assertSucceeded(List.of(E1, E2, "[DONE]"));

    ScriptedServer.Received r = server.requests.get(0);
    assertEquals("POST", r.method());
    assertEquals("/base/v1/chat/completions", r.uri());
    assertEquals("127.0.0.1:" + server.port(), r.headers().get(HttpHeaderNames.HOST));
    assertEquals("application/json", r.headers().get(HttpHeaderNames.CONTENT_TYPE));
    assertEquals("text/event-stream", r.headers().get(HttpHeaderNames.ACCEPT));
    assertEquals(String.valueOf(BODY.length()), r.headers().get(HttpHeaderNames.CONTENT_LENGTH));
    assertEquals("Bearer " + SECRET, r.headers().get(HttpHeaderNames.AUTHORIZATION));
    assertEquals("yes", r.headers().get("X-Test"));
    assertEquals(BODY, r.body());
  }

  @Test
  void closeDelimitedStreamEndsWithTheCloseAndFlushesTheLastEvent() throws Exception {
    ScriptedServer server =
        server(
            (ctx, r) -> {
              write(ctx, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n");
              write(ctx, sse(E1));
              // The last event lacks its blank line: the body's end (the close) must still deliver it.
              writeAndClose(ctx, "data: [DONE]\n");
            });
    StreamingHttpClient client = client();
    execute(client, request(server.port())).assertSucceeded(List.of(E1, "[DONE]"));
    // Not reusable: the next request needs a new connection.
    execute(client, request(server.port())).assertSucceeded(List.of(E1, "[DONE]"));
    assertEquals(2, server.accepted.get());
  }

  @Test
  void http10CloseDelimitedStream() throws Exception {
    ScriptedServer server =
        server(
            (ctx, r) -> {
              write(ctx, "HTTP/1.0 200 OK\r\nContent-Type: text/event-stream\r\n\r\n");
              writeAndClose(ctx, sse(E1) + sse(E2));
            });
    execute(client(), request(server.port())).assertSucceeded(List.of(E1, E2));
  }

  @Test
  void contentLengthBodyAndKeepAliveReuseOfOneConnection() throws Exception {
    ScriptedServer server =
        server(
            (ctx, r) ->
                write(ctx, withContentLength("200 OK", "text/event-stream", sse(E1) + sse("[DONE]"))));
    StreamingHttpClient client = client();
    RecordingHandler first = new RecordingHandler(loop);
    RecordingHandler second = new RecordingHandler(loop);
    // The second request starts inside onEnd of the first: the connection must already be back in the pool.
    first.onEndAction = h -> client.execute(loop, request(server.port()), second);
    loop.execute(() -> client.execute(loop, request(server.port()), first));
    first.assertSucceeded(List.of(E1, "[DONE]"));
    second.assertSucceeded(List.of(E1, "[DONE]"));
    assertEquals(1, server.accepted.get(), "both requests on one TCP connection");
    assertEquals(List.of(0, 1), server.requests.stream().map(ScriptedServer.Received::indexOnConnection).toList());

    // And a third, later and from outside a callback, still reuses it.
    execute(client, request(server.port())).assertSucceeded(List.of(E1, "[DONE]"));
    assertEquals(1, server.accepted.get());
  }

  @Test
  void preconnectedConnectionsCarryTheFirstRequestsWithoutNewOnes() throws Exception {
    ScriptedServer server =
        server((ctx, r) -> write(ctx, withContentLength("200 OK", "text/event-stream", sse(E1) + sse("[DONE]"))));
    StreamingHttpClient client = client();
    HttpTarget target = request(server.port()).target();

    StreamingHttpClient.Preconnected done = client.preconnect(List.of(loop), target, 3);

    assertEquals(3, done.opened());
    assertEquals(0, done.failed());
    // The client's connect completes in the kernel, before the server's loop accepts: wait for the server to count.
    for (int i = 0; i < 500 && server.accepted.get() < 3; i++) {
      Thread.sleep(10);
    }
    assertEquals(3, server.accepted.get());
    // Three requests in flight at once: each takes an idle preconnected connection, none opens a fourth.
    RecordingHandler[] handlers = {new RecordingHandler(loop), new RecordingHandler(loop), new RecordingHandler(loop)};
    loop.execute(
        () -> {
          for (RecordingHandler h : handlers) {
            client.execute(loop, request(server.port()), h);
          }
        });
    for (RecordingHandler h : handlers) {
      h.assertSucceeded(List.of(E1, "[DONE]"));
    }
    assertEquals(3, server.accepted.get(), "no connection opened by the load itself");
    assertEquals(List.of(0, 0, 0), server.requests.stream().map(ScriptedServer.Received::indexOnConnection).toList());
  }

  @Test
  void preconnectToANonListeningPortCountsFailuresAndNamesTheFirst() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    StreamingHttpClient.Preconnected done = client().preconnect(List.of(loop), request(port).target(), 2);

    assertEquals(0, done.opened());
    assertEquals(2, done.failed());
    assertTrue(done.firstFailure() != null && !done.firstFailure().isBlank(), String.valueOf(done.firstFailure()));
  }

  @Test
  void preconnectOnALoopThatRefusesTasksCountsEveryAttemptAsFailedWithoutNesting() throws Exception {
    EventLoopGroup gone = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoop goneLoop = gone.next();
    gone.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    // A 1 ms connect timeout keeps the wait bound short should attempts go uncounted.
    StreamingHttpClient client =
        track(new StreamingHttpClient(new ClientSettings(NioSocketChannel::new, Duration.ofMillis(1), Duration.ZERO,
            Duration.ZERO, Duration.ZERO, TlsSettings.VERIFIED)));

    // Each attempt fails at once on the caller's thread: 10,000 of them must neither nest 10,000 calls deep nor be lost.
    StreamingHttpClient.Preconnected done = client.preconnect(List.of(goneLoop), request(1).target(), 10_000);

    assertEquals(0, done.opened());
    assertEquals(10_000, done.failed());
    assertTrue(done.firstFailure().contains("RejectedExecutionException"), done.firstFailure());
  }

  @Test
  void preconnectOnAClosedClientOpensNothing() throws Exception {
    ScriptedServer server =
        server((ctx, r) -> write(ctx, withContentLength("200 OK", "text/event-stream", sse(E1) + sse("[DONE]"))));
    StreamingHttpClient client = client();
    client.close();

    StreamingHttpClient.Preconnected done = client.preconnect(List.of(loop), request(server.port()).target(), 3);

    assertEquals(0, done.opened());
    assertEquals(3, done.failed());
    assertTrue(done.firstFailure().contains("client closed"), done.firstFailure());
    assertEquals(0, server.accepted.get(), "no connection opened only to be closed");
  }

  @Test
  void preconnectStartsNoMoreAttemptsOnceItsCallerStoppedWaiting() throws Exception {
    ScriptedServer server =
        server((ctx, r) -> write(ctx, withContentLength("200 OK", "text/event-stream", sse(E1) + sse("[DONE]"))));
    EventLoopGroup busy = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoop busyLoop = busy.next();
    CountDownLatch release = new CountDownLatch(1);
    try {
      // 1 ms of connect timeout: a wait bound of 1 s, over while the loop is held and no attempt has run.
      StreamingHttpClient client =
          track(new StreamingHttpClient(new ClientSettings(NioSocketChannel::new, Duration.ofMillis(1), Duration.ZERO,
              Duration.ZERO, Duration.ZERO, TlsSettings.VERIFIED)));
      busyLoop.execute(
          () -> {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      int wanted = StreamingHttpClient.PRECONNECT_IN_FLIGHT + 72;
      StreamingHttpClient.Preconnected done =
          client.preconnect(List.of(busyLoop), request(server.port()).target(), wanted);
      assertEquals(0, done.opened() + done.failed(), "the loop was held: nothing ended in time");

      release.countDown(); // the first wave runs now, after the caller gave up
      for (int i = 0; i < 500 && server.accepted.get() < StreamingHttpClient.PRECONNECT_IN_FLIGHT; i++) {
        Thread.sleep(10);
      }
      assertEquals(StreamingHttpClient.PRECONNECT_IN_FLIGHT, server.accepted.get());
      // Those attempts end; the 72 not started must stay so (patience for them to show, not a bound on anything).
      for (int i = 0; i < 100 && server.accepted.get() == StreamingHttpClient.PRECONNECT_IN_FLIGHT; i++) {
        Thread.sleep(10);
      }
      assertEquals(StreamingHttpClient.PRECONNECT_IN_FLIGHT, server.accepted.get(), "attempts started after the wait");
    } finally {
      release.countDown();
      busy.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void preconnectWaitsForTheHandshakeTimeoutToo() {
    assertEquals(1_000 + 2 * 1_000, StreamingHttpClient.preconnectWaitMillis(256, 1_000, false));
    assertEquals(1_000 + 2 * 2 * 2_000, StreamingHttpClient.preconnectWaitMillis(256, 2_000, true),
        "with TLS a wave may take the connect timeout, then the handshake timeout");
  }

  @Test
  void informationalResponseIsSkipped() throws Exception {
    ScriptedServer server =
        server(
            (ctx, r) -> {
              write(ctx, "HTTP/1.1 100 Continue\r\n\r\n");
              chunkedSse(ctx, sse(E1));
            });
    execute(client(), request(server.port())).assertSucceeded(List.of(E1));
  }

  @Test
  void eventTypesAndIdsReachTheHandler() throws Exception {
    ScriptedServer server =
        server((ctx, r) -> chunkedSse(ctx, "event: delta\r\nid: 1\r\ndata: a\r\n\r\n", ": ping\r\n\r\ndata: b\r\n\r\n"));
    RecordingHandler h = execute(client(), request(server.port()));
    h.assertSucceeded(List.of("a", "b"));
    assertEquals(List.of("delta", "null"), h.types);
    assertEquals(List.of("1", "null"), h.ids);
  }

  // ---- HTTP errors ----

  @Test
  void non200StatusFailsWithTheBodyAsDetailAndKeepsTheConnection() throws Exception {
    String error = "{\"object\":\"error\",\"message\":\"The server is overloaded\",\"type\":\"ServiceUnavailable\",\"code\":503}";
    ScriptedServer server =
        server(
            (ctx, r) -> {
              if (r.indexOnConnection() == 0) {
                write(ctx, withContentLength("503 Service Unavailable", "application/json", error));
              } else {
                chunkedSse(ctx, sse(E1));
              }
            });
    StreamingHttpClient client = client();
    RecordingHandler h = execute(client, request(server.port()));
    h.assertFailed(Kind.HTTP_STATUS);
    assertEquals(List.of("send", "failure:HTTP_STATUS"), h.calls);
    assertEquals(503, h.failure.httpStatus());
    assertEquals(error, h.failure.detail());
    execute(client, request(server.port())).assertSucceeded(List.of(E1));
    assertEquals(1, server.accepted.get(), "a drained error response leaves the connection reusable");
  }

  @Test
  void anotherSuccessStatusIsNoStreamEvenWithEventsInItsBody() throws Exception {
    // vLLM's clients take only 200 as an answer: a 202 carrying events is still a failure, named by its status.
    ScriptedServer server =
        server((ctx, r) -> write(ctx, withContentLength("202 Accepted", "text/event-stream", sse(E1) + sse("[DONE]"))));
    RecordingHandler h = execute(client(), request(server.port()));
    h.assertFailed(Kind.HTTP_STATUS);
    assertEquals(202, h.failure.httpStatus());
    assertEquals(List.of("send", "failure:HTTP_STATUS"), h.calls);
  }

  @Test
  void longErrorBodyIsTruncated() throws Exception {
    String error = "x".repeat(10_000);
    ScriptedServer server = server((ctx, r) -> write(ctx, withContentLength("500 Internal Server Error", "text/plain", error)));
    RecordingHandler h = execute(client(), request(server.port()));
    h.assertFailed(Kind.HTTP_STATUS);
    assertEquals(500, h.failure.httpStatus());
    assertEquals(ErrorBody.MAX_BYTES, h.failure.detail().length());
  }

  @Test
  void garbageResponseIsAProtocolError() throws Exception {
    ScriptedServer server = server((ctx, r) -> write(ctx, "SSH-2.0-OpenSSH_9.2\r\n\r\n"));
    RecordingHandler h = execute(client(), request(server.port()));
    h.assertFailed(Kind.PROTOCOL_ERROR);
    assertFalse(h.failure.detail().contains(SECRET));
  }

  // ---- raw bodies (LLM-on-Ray's simple mode) ----

  private static final String CHUNKED_TEXT_HEADERS =
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n";

  private ScriptedServer lastServer;

  /** A complete chunked text/plain response, one chunk per string. */
  private static ScriptedServer.Script chunkedText(String... chunks) {
    return (ctx, r) -> {
      write(ctx, CHUNKED_TEXT_HEADERS);
      for (String c : chunks) {
        write(ctx, chunk(c));
      }
      write(ctx, LAST_CHUNK);
    };
  }

  /** A raw-body request to a fresh server running {@code script}. */
  private RecordingHandler executeRaw(ScriptedServer.Script script) throws InterruptedException {
    lastServer = server(script);
    StreamingRequest request =
        new StreamingRequest(
            new HttpTarget(false, "127.0.0.1", lastServer.port(), ""),
            "/llama-2-7b-chat-hf",
            List.of(),
            "{\"text\":\"hi\",\"config\":{},\"stream\":true}".getBytes(StandardCharsets.UTF_8),
            BodyFormat.RAW);
    return execute(client(), request);
  }

  /** One HTTP chunk holding exactly {@code bytes}, which may end or start inside a code point. */
  private static void writeChunk(ChannelHandlerContext ctx, byte[] bytes, int from, int to) {
    ByteBuf buf = Unpooled.buffer();
    buf.writeCharSequence(Integer.toHexString(to - from) + "\r\n", StandardCharsets.US_ASCII);
    buf.writeBytes(bytes, from, to - from);
    buf.writeCharSequence("\r\n", StandardCharsets.US_ASCII);
    ctx.writeAndFlush(buf);
  }

  @Test
  void eachHttpChunkIsOneEventAndACodePointCutBetweenChunksArrivesWhole() throws Exception {
    byte[] text = "a€b".getBytes(StandardCharsets.UTF_8); // € is E2 82 AC
    RecordingHandler h =
        executeRaw(
            (ctx, r) -> {
              write(ctx, CHUNKED_TEXT_HEADERS);
              writeChunk(ctx, text, 0, 3); // "a" and the first two bytes of €
              writeChunk(ctx, text, 3, text.length);
              write(ctx, LAST_CHUNK);
            });
    h.assertSucceeded(List.of("a", "€b"));
    assertEquals("text/plain", lastServer.requests.get(0).headers().get(HttpHeaderNames.ACCEPT));
    assertEquals("/llama-2-7b-chat-hf", lastServer.requests.get(0).uri());
  }

  @Test
  void closeDelimitedBodyEndsWithTheCloseAndLosesNoText() throws Exception {
    String text = " the 世界 and 🙂 of";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    RecordingHandler h =
        executeRaw(
            (ctx, r) -> {
              write(ctx, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n");
              // Writes cut inside code points; how they group into reads is up to TCP.
              ctx.writeAndFlush(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, 0, 7)));
              ctx.writeAndFlush(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, 7, 17)));
              ctx.writeAndFlush(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, 17, bytes.length)))
                  .addListener(ChannelFutureListener.CLOSE);
            });
    h.await();
    assertEquals(List.of(), h.violations);
    assertEquals("end", h.calls.get(h.calls.size() - 1));
    assertEquals(text, String.join("", h.data));
  }

  @Test
  void aChunkedBodyCutBeforeItsLastChunkIsAConnectionClosedFailure() throws Exception {
    RecordingHandler h =
        executeRaw(
            (ctx, r) -> {
              write(ctx, CHUNKED_TEXT_HEADERS);
              write(ctx, chunk(" the"));
              ctx.writeAndFlush(Unpooled.copiedBuffer(chunk(" of"), StandardCharsets.UTF_8))
                  .addListener(ChannelFutureListener.CLOSE);
            });
    h.assertFailed(Kind.CONNECTION_CLOSED);
    assertEquals(List.of(" the", " of"), h.data);
  }

  @Test
  void emptyChunkedBodyEndsWithoutEvents() throws Exception {
    executeRaw(chunkedText()).assertSucceeded(List.of());
  }

  @Test
  void aRawBodyThatLooksLikeSseIsNotDecodedAsSse() throws Exception {
    // The request's format, not the body's look, picks the reader.
    executeRaw(chunkedText("data: x\n\n")).assertSucceeded(List.of("data: x\n\n"));
  }

  // ---- connection loss ----

  @Test
  void streamCutMidwayFailsWithConnectionClosed() throws Exception {
    ScriptedServer server =
        server(
            (ctx, r) -> {
              write(ctx, CHUNKED_SSE_HEADERS);
              write(ctx, chunk(sse(E1)));
              writeAndClose(ctx, chunk("data: {\"cut"));
            });
    RecordingHandler h = execute(client(), request(server.port()));
    h.assertFailed(Kind.CONNECTION_CLOSED);
    assertEquals(List.of(E1), h.data);
    assertEquals(List.of("send", "start:200", "event", "failure:CONNECTION_CLOSED"), h.calls);
  }

  @Test
  void connectionRefused() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    RecordingHandler h = execute(client(), request(port));
    h.assertFailed(Kind.CONNECT_ERROR);
    assertEquals(List.of("failure:CONNECT_ERROR"), h.calls, "no onSend without a connection");
  }

  @Test
  void staleKeepAliveConnectionIsRetriedOnceOnAFreshOne() throws Exception {
    ScriptedServer server =
        server(
            (ctx, r) -> {
              if (r.connection() == 1 && r.indexOnConnection() == 1) {
                ctx.close(); // as if the server had closed the idle connection while the request was on its way
              } else {
                chunkedSse(ctx, sse(E1));
              }
            });
    StreamingHttpClient client = client();
    RecordingHandler first = new RecordingHandler(loop);
    RecordingHandler second = new RecordingHandler(loop);
    first.onEndAction = h -> client.execute(loop, request(server.port()), second);
    loop.execute(() -> client.execute(loop, request(server.port()), first));
    first.assertSucceeded(List.of(E1));
    second.await();
    assertEquals(List.of(), second.violations);
    assertEquals(List.of("send", "send", "start:200", "event", "end"), second.calls);
    assertEquals(2, server.accepted.get());
  }

  @Test
  void retryHappensOnlyOnce() throws Exception {
    // Every request after the first on any connection is dropped unanswered: the retry fails too, and is final.
    ScriptedServer server =
        server(
            (ctx, r) -> {
              if (r.connection() == 1 && r.indexOnConnection() == 0) {
                chunkedSse(ctx, sse(E1));
              } else {
                ctx.close();
              }
            });
    StreamingHttpClient client = client();
    RecordingHandler first = new RecordingHandler(loop);
    RecordingHandler second = new RecordingHandler(loop);
    first.onEndAction = h -> client.execute(loop, request(server.port()), second);
    loop.execute(() -> client.execute(loop, request(server.port()), first));
    first.assertSucceeded(List.of(E1));
    second.assertFailed(Kind.CONNECTION_CLOSED);
    assertEquals(List.of("send", "send", "failure:CONNECTION_CLOSED"), second.calls);
    assertEquals(2, server.accepted.get());
  }

  @Test
  void pooledConnectionClosedByTheServerIsNotUsedAgain() throws Exception {
    ScriptedServer server = server((ctx, r) -> {
      chunkedSse(ctx, sse(E1));
      ctx.close(); // keep-alive response, then the server drops the connection
    });
    StreamingHttpClient client = client();
    execute(client, request(server.port())).assertSucceeded(List.of(E1));
    assertEquals(1, server.closed.poll(5, TimeUnit.SECONDS));
    // Whether the client saw the close yet (dropped from the pool) or not (stale-connection retry), it succeeds.
    RecordingHandler h = execute(client, request(server.port()));
    h.await();
    assertEquals(List.of(), h.violations);
    assertEquals(List.of(E1), h.data);
    assertEquals("end", h.calls.get(h.calls.size() - 1));
    assertEquals(2, server.accepted.get());
  }

  // ---- timeouts ----

  @Test
  void firstTokenTimeout() throws Exception {
    ScriptedServer server = server((ctx, r) -> write(ctx, CHUNKED_SSE_HEADERS)); // then silence
    RecordingHandler h = execute(client(Duration.ofMillis(200), Duration.ofMillis(100), Duration.ZERO), request(server.port()));
    h.assertFailed(Kind.FIRST_TOKEN_TIMEOUT);
    assertEquals(List.of("send", "start:200", "failure:FIRST_TOKEN_TIMEOUT"), h.calls);
    assertTrue(h.nanos.get(2) - h.nanos.get(0) >= TimeUnit.MILLISECONDS.toNanos(200), "never before the deadline");
    assertEquals(1, server.closed.poll(5, TimeUnit.SECONDS), "the connection is closed");
  }

  @Test
  void idleTimeoutStandsInForADisabledFirstTokenTimeout() throws Exception {
    ScriptedServer server = server((ctx, r) -> write(ctx, CHUNKED_SSE_HEADERS));
    RecordingHandler h = execute(client(Duration.ZERO, Duration.ofMillis(200), Duration.ZERO), request(server.port()));
    h.assertFailed(Kind.IDLE_TIMEOUT);
  }

  @Test
  void idleTimeoutBetweenEvents() throws Exception {
    ScriptedServer server =
        server(
            (ctx, r) -> {
              write(ctx, CHUNKED_SSE_HEADERS);
              write(ctx, chunk(sse(E1))); // then silence
            });
    // The first-token limit is far beyond the wait of await(): the first event must move the timer earlier.
    RecordingHandler h =
        execute(client(Duration.ofSeconds(60), Duration.ofMillis(200), Duration.ZERO), request(server.port()));
    h.assertFailed(Kind.IDLE_TIMEOUT);
    assertEquals(List.of(E1), h.data);
    assertTrue(h.nanos.get(3) - h.nanos.get(2) >= TimeUnit.MILLISECONDS.toNanos(200));
    assertEquals(1, server.closed.poll(5, TimeUnit.SECONDS));
  }

  @Test
  void totalTimeoutWhileEventsKeepComing() throws Exception {
    // Events every 20 ms keep the first-token (100 ms) and idle (150 ms) limits satisfied: only total (400 ms) fires.
    // This exercises the lazy timer: it fires at the first-token deadline, finds events, and reschedules.
    ScriptedServer server = tickingServer(20);
    RecordingHandler h =
        execute(client(Duration.ofMillis(100), Duration.ofMillis(150), Duration.ofMillis(400)), request(server.port()));
    h.assertFailed(Kind.TOTAL_TIMEOUT);
    assertFalse(h.data.isEmpty());
    assertTrue(h.nanos.get(h.nanos.size() - 1) - h.nanos.get(0) >= TimeUnit.MILLISECONDS.toNanos(400));
    assertEquals(1, server.closed.poll(5, TimeUnit.SECONDS));
  }

  // ---- handler-driven and client-driven ends ----

  @Test
  void handlerReturningFalseEndsTheStreamSilentlyAndDropsTheConnection() throws Exception {
    ScriptedServer server = tickingServer(5);
    StreamingHttpClient client = client();
    RecordingHandler h = new RecordingHandler(loop);
    h.stopAfter = 2;
    loop.execute(() -> client.execute(loop, request(server.port()), h));
    assertEquals(1, server.closed.poll(5, TimeUnit.SECONDS), "the client closed the connection");
    drainLoop();
    assertEquals(List.of(), h.violations);
    assertEquals(List.of("send", "start:200", "event", "event"), h.calls);
    assertEquals(1, h.terminal.getCount(), "no terminal callback after the handler gave up");
  }

  @Test
  void closeFailsRequestsInFlightAndLaterOnes() throws Exception {
    CountDownLatch received = new CountDownLatch(1);
    ScriptedServer server =
        server(
            (ctx, r) -> {
              write(ctx, CHUNKED_SSE_HEADERS);
              received.countDown();
            });
    StreamingHttpClient client = client();
    RecordingHandler h = execute(client, request(server.port()));
    assertTrue(received.await(5, TimeUnit.SECONDS));
    client.close(); // from a non-loop thread: returns once in-flight requests have failed
    assertEquals(0, h.terminal.getCount());
    h.assertFailed(Kind.CANCELLED);
    RecordingHandler later = execute(client, request(server.port()));
    later.assertFailed(Kind.CANCELLED);
    assertEquals(List.of("failure:CANCELLED"), later.calls);
  }

  // ---- API rules ----

  @Test
  void executeOffTheLoopIsRejected() {
    StreamingHttpClient client = client();
    assertThrows(
        IllegalStateException.class, () -> client.execute(loop, request(1), new RecordingHandler(loop)));
  }

  @Test
  void invalidHeaderFailsWithoutShowingItsValue() throws Exception {
    StreamingRequest bad =
        new StreamingRequest(
            new HttpTarget(false, "127.0.0.1", 1, ""),
            "/v1/completions",
            List.of(Map.entry("Authorization", "Bearer " + SECRET + "\r\nX-Injected: 1")),
            new byte[0]);
    RecordingHandler h = execute(client(), bad);
    h.assertFailed(Kind.IO_ERROR);
    assertFalse(h.failure.detail().contains(SECRET), h.failure.detail());
    assertFalse(h.failure.detail().contains("Bearer"), h.failure.detail());
  }

  // ---- TLS ----
  // SelfSignedCertificate is deprecated in favour of netty-pkitesting, which is not on this project's classpath.

  @Test
  @SuppressWarnings("deprecation")
  void tlsWithSelfSignedCertificate() throws Exception {
    SelfSignedCertificate cert = selfSigned();
    try {
      SslContext serverSsl = SslContextBuilder.forServer(cert.certificate(), cert.privateKey()).build();
      ScriptedServer server = track(new ScriptedServer(serverSsl, (ctx, r) -> chunkedSse(ctx, sse(E1), sse("[DONE]"))));
      StreamingHttpClient client = client();
      execute(client, request(server.port(), true)).assertSucceeded(List.of(E1, "[DONE]"));
      execute(client, request(server.port(), true)).assertSucceeded(List.of(E1, "[DONE]"));
      assertEquals(1, server.accepted.get(), "TLS connections are pooled too");
      assertEquals("Bearer " + SECRET, server.requests.get(0).headers().get(HttpHeaderNames.AUTHORIZATION));
    } finally {
      cert.delete();
    }
  }

  @Test
  @SuppressWarnings("deprecation")
  void untrustedCertificateIsATlsError() throws Exception {
    SelfSignedCertificate cert = selfSigned();
    try {
      SslContext serverSsl = SslContextBuilder.forServer(cert.certificate(), cert.privateKey()).build();
      ScriptedServer server = track(new ScriptedServer(serverSsl, (ctx, r) -> chunkedSse(ctx, sse(E1))));
      StreamingHttpClient verifying =
          client(NioSocketChannel::new, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), false);
      RecordingHandler h = execute(verifying, request(server.port(), true));
      h.assertFailed(Kind.TLS_ERROR);
      assertEquals(List.of("failure:TLS_ERROR"), h.calls);
      assertTrue(server.requests.isEmpty());
    } finally {
      cert.delete();
    }
  }

  @SuppressWarnings("deprecation")
  private static SelfSignedCertificate selfSigned() {
    try {
      return new SelfSignedCertificate("localhost");
    } catch (Exception | LinkageError e) {
      assumeTrue(false, "no self-signed certificate generator available: " + e);
      throw new AssertionError(e);
    }
  }

  // ---- native transport ----

  @Test
  void epollTransport() throws Exception {
    assumeTrue(Epoll.isAvailable(), "epoll not available here");
    onNativeTransport(EpollIoHandler.newFactory(), EpollSocketChannel::new);
  }

  @Test
  void ioUringTransport() throws Exception {
    assumeTrue(IoUring.isAvailable(), "io_uring not available here");
    onNativeTransport(IoUringIoHandler.newFactory(), IoUringSocketChannel::new);
  }

  /** A stream, keep-alive reuse and a mid-stream cut on a native transport (its errors differ from NIO's). */
  private void onNativeTransport(IoHandlerFactory ioHandler, ChannelFactory<? extends SocketChannel> channels)
      throws Exception {
    EventLoopGroup nativeGroup = new MultiThreadIoEventLoopGroup(1, ioHandler);
    try {
      EventLoop nativeLoop = nativeGroup.next();
      ScriptedServer server =
          server(
              (ctx, r) -> {
                if (r.indexOnConnection() < 2) {
                  chunkedSse(ctx, sse(E1), sse(E2));
                } else {
                  write(ctx, CHUNKED_SSE_HEADERS);
                  writeAndClose(ctx, chunk(sse(E1)));
                }
              });
      StreamingHttpClient client =
          client(channels, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), true);
      execute(client, nativeLoop, request(server.port())).assertSucceeded(List.of(E1, E2));
      execute(client, nativeLoop, request(server.port())).assertSucceeded(List.of(E1, E2));
      assertEquals(1, server.accepted.get());
      RecordingHandler cut = execute(client, nativeLoop, request(server.port()));
      cut.assertFailed(Kind.CONNECTION_CLOSED);
      assertEquals(List.of(E1), cut.data);
      client.close();
    } finally {
      nativeGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void requestsOnTwoLoopsUseTwoPools() throws Exception {
    EventLoopGroup other = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      EventLoop otherLoop = other.next();
      ScriptedServer server = server((ctx, r) -> chunkedSse(ctx, sse(E1)));
      StreamingHttpClient client = client();
      execute(client, request(server.port())).assertSucceeded(List.of(E1));
      RecordingHandler h = execute(client, otherLoop, request(server.port()));
      h.assertSucceeded(List.of(E1)); // RecordingHandler checks every callback ran on otherLoop
      assertEquals(2, server.accepted.get(), "a connection never moves between event loops");
      client.close();
    } finally {
      other.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void failureDetailsNeverContainTheApiKey() throws Exception {
    ScriptedServer server = server((ctx, r) -> ctx.close());
    RecordingHandler h = execute(client(), request(server.port()));
    h.assertFailed(Kind.CONNECTION_CLOSED);
    assertNotNull(h.failure.detail());
    assertFalse(h.failure.detail().contains(SECRET));
  }

  /** A server that starts a chunked SSE response and then sends event E1 every {@code periodMillis} until closed. */
  private ScriptedServer tickingServer(int periodMillis) throws InterruptedException {
    return server(
        (ctx, r) -> {
          write(ctx, CHUNKED_SSE_HEADERS);
          ScheduledFuture<?> ticks =
              ctx.executor()
                  .scheduleAtFixedRate(() -> write(ctx, chunk(sse(E1))), 0, periodMillis, TimeUnit.MILLISECONDS);
          ctx.channel().closeFuture().addListener(f -> ticks.cancel(false));
        });
  }
}
