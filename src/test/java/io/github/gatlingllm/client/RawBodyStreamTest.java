package io.github.gatlingllm.client;

import static io.github.gatlingllm.client.ScriptedServer.LAST_CHUNK;
import static io.github.gatlingllm.client.ScriptedServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.gatlingllm.client.ClientFailure.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client's raw-body mode over real loopback sockets: framings, UTF-8 across HTTP chunks, a cut body. */
class RawBodyStreamTest {
  private static final String CHUNKED_TEXT_HEADERS =
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n";

  private static EventLoopGroup group;
  private static EventLoop loop;

  private ScriptedServer server;
  private StreamingHttpClient client;

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
  void close() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private RecordingHandler execute(ScriptedServer.Script script) throws InterruptedException {
    server = new ScriptedServer(script);
    client =
        new StreamingHttpClient(
            new ClientSettings(
                NioSocketChannel::new,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                true));
    StreamingRequest request =
        new StreamingRequest(
            new HttpTarget(false, "127.0.0.1", server.port(), ""),
            "/llama-2-7b-chat-hf",
            List.of(),
            "{\"text\":\"hi\",\"config\":{},\"stream\":true}".getBytes(StandardCharsets.UTF_8),
            BodyFormat.RAW);
    RecordingHandler handler = new RecordingHandler(loop);
    loop.execute(() -> client.execute(loop, request, handler));
    return handler;
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
        execute(
            (ctx, r) -> {
              write(ctx, CHUNKED_TEXT_HEADERS);
              writeChunk(ctx, text, 0, 3); // "a" and the first two bytes of €
              writeChunk(ctx, text, 3, text.length);
              write(ctx, LAST_CHUNK);
            });
    h.assertSucceeded(List.of("a", "€b"));
    assertEquals("text/plain", server.requests.get(0).headers().get(HttpHeaderNames.ACCEPT));
    assertEquals("/llama-2-7b-chat-hf", server.requests.get(0).uri());
  }

  @Test
  void closeDelimitedBodyEndsWithTheCloseAndLosesNoText() throws Exception {
    String text = " the 世界 and 🙂 of";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    RecordingHandler h =
        execute(
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
        execute(
            (ctx, r) -> {
              write(ctx, CHUNKED_TEXT_HEADERS);
              write(ctx, ScriptedServer.chunk(" the"));
              ctx.writeAndFlush(Unpooled.copiedBuffer(ScriptedServer.chunk(" of"), StandardCharsets.UTF_8))
                  .addListener(ChannelFutureListener.CLOSE);
            });
    h.assertFailed(Kind.CONNECTION_CLOSED);
    assertEquals(List.of(" the", " of"), h.data);
  }

  @Test
  void emptyChunkedBodyEndsWithoutEvents() throws Exception {
    RecordingHandler h =
        execute(
            (ctx, r) -> {
              write(ctx, CHUNKED_TEXT_HEADERS);
              write(ctx, LAST_CHUNK);
            });
    h.assertSucceeded(List.of());
  }

  @Test
  void aRawBodyThatLooksLikeSseIsNotDecodedAsSse() throws Exception {
    // The request's format, not the body's look, picks the reader.
    RecordingHandler h =
        execute(
            (ctx, r) -> {
              write(ctx, CHUNKED_TEXT_HEADERS);
              write(ctx, ScriptedServer.chunk("data: x\n\n"));
              write(ctx, LAST_CHUNK);
            });
    h.assertSucceeded(List.of("data: x\n\n"));
  }
}
