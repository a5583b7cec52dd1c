package io.github.gatlingllm.mock;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An OpenAI-compatible LLM server that generates deterministic text on a configurable latency model, for load tests
 * and their tests. It listens on 127.0.0.1 only, speaks HTTP/1.1 with keep-alive and serves {@code GET /v1/models},
 * {@code GET /health}, {@code POST /v1/chat/completions} and {@code POST /v1/completions} (streaming or not), shaped
 * like vLLM's. See {@link MockConfig} for the latency model and {@link FaultMode} for the injected failures.
 *
 * <pre>{@code
 * try (MockLlmServer server = MockLlmServer.start(MockConfig.defaults())) {
 *   String baseUrl = server.baseUrl(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 *
 * <p>The server owns its event loop threads (daemon threads, so a forgotten server does not keep a JVM alive);
 * {@link #close()} stops them. Do not call {@code close()} from one of the server's own threads.
 */
public final class MockLlmServer implements AutoCloseable {
  /** Prompts are at most a few hundred kilobytes; anything far larger is refused with 413. */
  private static final int MAX_REQUEST_BYTES = 64 * 1024 * 1024;

  private final MockConfig config;
  private final ServerState state;
  private final EventLoopGroup group;
  private final Channel serverChannel;
  private final String transport;
  private final AtomicBoolean closed = new AtomicBoolean();

  private MockLlmServer(
      MockConfig config, ServerState state, EventLoopGroup group, Channel serverChannel, String transport) {
    this.config = config;
    this.state = state;
    this.group = group;
    this.serverChannel = serverChannel;
    this.transport = transport;
  }

  /**
   * Binds 127.0.0.1 on {@code config.server().port()} (0: a free port) and starts serving.
   *
   * @throws IllegalStateException if the port cannot be bound
   */
  public static MockLlmServer start(MockConfig config) {
    ServerState state = new ServerState(config);
    MockTransport transport = MockTransport.select(config.server().nativeTransport());
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            config.server().threads(), new DefaultThreadFactory("mock-llm", true), transport.ioHandlerFactory());
    MockRequestHandler handler = new MockRequestHandler(state);
    ChannelFuture bind =
        new ServerBootstrap()
            .group(group)
            .channel(transport.channelClass())
            .option(ChannelOption.SO_REUSEADDR, true)
            // Each token is its own small write: Nagle's algorithm would hold it back for the previous ACK.
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(new ReadStamp())
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpServerKeepAliveHandler())
                        .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                        .addLast(handler);
                  }
                })
            .bind("127.0.0.1", config.server().port())
            .awaitUninterruptibly();
    if (!bind.isSuccess()) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw new IllegalStateException(
          "Cannot start the mock LLM server on 127.0.0.1:" + config.server().port() + ": " + bind.cause().getMessage(),
          bind.cause());
    }
    return new MockLlmServer(config, state, group, bind.channel(), transport.name());
  }

  /** The bound port (the chosen one when the configuration asked for 0). */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public MockConfig config() {
    return config;
  }

  /** "epoll" or "nio". */
  public String transport() {
    return transport;
  }

  /** Generation requests accepted so far (the rank the last one got). */
  public long acceptedRequests() {
    return state.acceptedRequests();
  }

  /**
   * Generation requests being generated now: from acceptance (or, with {@code batchSlots}, from getting a slot) to
   * their last token, or until a fault or the client ends them (a stalled connection no longer counts). This is the
   * {@code inFlight} of the ITL formula, and never more than {@code batchSlots} when set.
   */
  public int inFlight() {
    return state.inFlight();
  }

  /** Generation requests queued for a batch slot ({@code batchSlots}); always 0 without slots. */
  public int waiting() {
    return state.waiting();
  }

  /** How late tokens were written compared with the latency model, since the start or the last {@link #resetStats}. */
  public MockTimingStats timingStats() {
    return state.timing.snapshot();
  }

  /**
   * What the server really did (server-side TTFT and ITL of the streams in the truth), since the start or the last
   * {@link #resetStats}: the reference of accuracy benchmarks. Also served as JSON at {@code GET /mock/stats}.
   */
  public MockTruth truth() {
    return state.truth.snapshot();
  }

  /**
   * Starts {@link #truth()} and {@link #timingStats()} over (also {@code POST /mock/stats/reset}). Best called with no
   * stream in flight: the rest of a stream in flight lands in the new figures.
   */
  public void resetStats() {
    state.resetStats();
  }

  /** Stops listening, closes every connection and stops the threads. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      serverChannel.close().syncUninterruptibly();
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /** Blocks until the server is closed (by {@link #close()}, from another thread). */
  void awaitClosed() throws InterruptedException {
    serverChannel.closeFuture().sync();
    group.terminationFuture().sync();
  }
}
