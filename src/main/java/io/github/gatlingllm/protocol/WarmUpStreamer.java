package io.github.gatlingllm.protocol;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away HTTP/1.1 server on 127.0.0.1 (ephemeral port, keep-alive) that answers every POST with an instant
 * OpenAI-style SSE stream (see {@link WarmUpStreamResponder}): the target of the {@link ClientWarmUp}, so that the
 * plugin core warms its client without the embedded mock, which is suite and test code.
 *
 * <p>It runs on its own single-thread NIO event loop, never on Gatling's: the loops being warmed must only run the
 * client. NIO rather than a native transport because it is always there and opens in a few milliseconds; the server
 * side's transport does not matter to what the client reads. Daemon thread, so a streamer that was never closed
 * cannot keep the JVM alive. {@link #close()} must not be called from the streamer's own thread.
 */
final class WarmUpStreamer implements AutoCloseable {
  /** Warm-up requests are a few hundred bytes; a large body is nobody's business here. */
  private static final int MAX_REQUEST_BYTES = 64 * 1024;

  private final EventLoopGroup group;
  private final Channel serverChannel;
  private final AtomicInteger connections;
  private final AtomicBoolean closed = new AtomicBoolean();

  private WarmUpStreamer(EventLoopGroup group, Channel serverChannel, AtomicInteger connections) {
    this.group = group;
    this.serverChannel = serverChannel;
    this.connections = connections;
  }

  /**
   * Binds 127.0.0.1 on a free port and starts serving.
   *
   * @throws IllegalStateException if no port can be bound
   */
  static WarmUpStreamer start() {
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("gatling-llm-warm-up", true), NioIoHandler.newFactory());
    AtomicInteger connections = new AtomicInteger();
    WarmUpStreamResponder responder = new WarmUpStreamResponder();
    ChannelFuture bind =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            // Every event is flushed on its own, as a serving engine does: Nagle would batch them behind ACKs.
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    connections.incrementAndGet();
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpServerKeepAliveHandler())
                        .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                        .addLast(responder);
                  }
                })
            .bind("127.0.0.1", 0)
            .awaitUninterruptibly();
    if (!bind.isSuccess()) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
      throw new IllegalStateException(
          "Cannot start the client warm-up's loopback server: " + bind.cause().getMessage(), bind.cause());
    }
    return new WarmUpStreamer(group, bind.channel(), connections);
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  String baseUrl() {
    return "http://127.0.0.1:" + ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** Connections accepted so far: with keep-alive, the client's pooled connections, not its requests. */
  int connectionsAccepted() {
    return connections.get();
  }

  /** Stops listening, closes the connections still open and stops the thread. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      serverChannel.close().syncUninterruptibly();
      // No quiet period: nothing is submitted to this group any more, and the run waits for this.
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
