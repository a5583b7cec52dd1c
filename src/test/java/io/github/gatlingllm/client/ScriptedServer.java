package io.github.gatlingllm.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.ssl.SslContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server whose answers are written as raw bytes by a per-test script, so that tests control the
 * exact framing (chunked, close-delimited, content-length), cuts, stalls and garbage.
 */
final class ScriptedServer implements AutoCloseable {

  /** Answers one request; runs on the server's event loop. */
  @FunctionalInterface
  interface Script {
    void answer(ChannelHandlerContext ctx, Received request);
  }

  /** A request as the server saw it. {@code connection} counts accepted connections from 1. */
  record Received(String method, String uri, HttpHeaders headers, String body, int connection, int indexOnConnection) {}

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel serverChannel;
  final AtomicInteger accepted = new AtomicInteger();
  final List<Received> requests = new CopyOnWriteArrayList<>();
  /** Ids of connections closed (by either side), in closing order. */
  final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();

  ScriptedServer(Script script) throws InterruptedException {
    this(null, script);
  }

  ScriptedServer(SslContext ssl, Script script) throws InterruptedException {
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    int id = accepted.incrementAndGet();
                    ch.closeFuture().addListener(f -> closed.add(id));
                    if (ssl != null) {
                      ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                    }
                    ch.pipeline()
                        .addLast(new HttpRequestDecoder())
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(
                            new SimpleChannelInboundHandler<FullHttpRequest>() {
                              private int index;

                              @Override
                              protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
                                Received r =
                                    new Received(
                                        msg.method().name(),
                                        msg.uri(),
                                        msg.headers().copy(),
                                        msg.content().toString(StandardCharsets.UTF_8),
                                        id,
                                        index++);
                                requests.add(r);
                                script.answer(ctx, r);
                              }
                            });
                  }
                });
    serverChannel = bootstrap.bind("127.0.0.1", 0).sync().channel();
  }

  int port() {
    return ((java.net.InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  @Override
  public void close() {
    serverChannel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  // ---- raw response writing ----

  static void write(ChannelHandlerContext ctx, String raw) {
    ctx.writeAndFlush(Unpooled.copiedBuffer(raw, StandardCharsets.UTF_8));
  }

  /** Writes {@code raw}, then closes the connection once it is flushed (a close-delimited or cut body). */
  static void writeAndClose(ChannelHandlerContext ctx, String raw) {
    ctx.writeAndFlush(Unpooled.copiedBuffer(raw, StandardCharsets.UTF_8))
        .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
  }

  static final String CHUNKED_SSE_HEADERS =
      "HTTP/1.1 200 OK\r\n"
          + "Content-Type: text/event-stream\r\n"
          + "Cache-Control: no-cache\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n";

  static String chunk(String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return Integer.toHexString(bytes.length) + "\r\n" + payload + "\r\n";
  }

  static final String LAST_CHUNK = "0\r\n\r\n";

  /** A complete chunked SSE response, one flush per chunk. */
  static void chunkedSse(ChannelHandlerContext ctx, String... chunks) {
    write(ctx, CHUNKED_SSE_HEADERS);
    for (String c : chunks) {
      write(ctx, chunk(c));
    }
    write(ctx, LAST_CHUNK);
  }

  static String withContentLength(String status, String contentType, String body) {
    return "HTTP/1.1 " + status + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
  }
}
