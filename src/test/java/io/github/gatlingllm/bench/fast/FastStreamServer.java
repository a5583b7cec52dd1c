package io.github.gatlingllm.bench.fast;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A minimal OpenAI-compatible streaming server for calibrating the client: it costs as little as possible per chunk
 * (pre-encoded bytes, no JSON parsing, one timer per millisecond per loop, one flush per connection per step; see
 * {@link StreamWheel}) so that at high load what distorts latency is the client, not the server. Its truth, stamped
 * with {@code System.nanoTime()} right after each flush returns, is served at {@code GET /stats}; {@code POST
 * /stats/reset} zeroes it; {@code GET /stats/requests} is a cheap count of generation requests read and connections
 * accepted since start (what a harness polls). Loopback only.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.github.gatlingllm.bench.fast.FastStreamServer \
 *   --port=0 --ttftMs=50 --itlMs=10 --tokens=10 --threads=1
 * </pre>
 */
public final class FastStreamServer implements AutoCloseable {
  /** What a harness waits for on the console: the rest of the line is the base URL. */
  public static final String LISTENING = "fast LLM server listening on ";

  private final FastServerOptions options;
  private final EventLoopGroup group;
  private final Channel serverChannel;
  private final Map<EventExecutor, StreamWheel> wheels;
  private final long origin;
  private final String transport;
  private final AtomicLong requestRank = new AtomicLong();
  /** Connections accepted since start (never reset): with the rank, what {@code GET /stats/requests} answers. */
  private final AtomicLong connectionCount = new AtomicLong();
  private final AtomicLong closedCount = new AtomicLong();
  /** Gathers the loops' snapshots: blocking for them on an event loop could deadlock that loop. */
  private final ExecutorService statsThread =
      Executors.newSingleThreadExecutor(new DefaultThreadFactory("fast-server-stats", true));

  private FastStreamServer(FastServerOptions options) {
    this.options = options;
    boolean epoll = epollAvailable();
    this.transport = epoll ? "epoll" : "nio";
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    this.group = new MultiThreadIoEventLoopGroup(options.threads(), new DefaultThreadFactory("fast-server"), io);
    this.origin = System.nanoTime();
    FastChunks chunks = new FastChunks(options.tokens());
    Map<EventExecutor, StreamWheel> byLoop = new IdentityHashMap<>();
    for (EventExecutor executor : group) {
      byLoop.put(executor, new StreamWheel((EventLoop) executor, origin, options, chunks));
    }
    this.wheels = byLoop; // read-only from here on, so the loops may read it without a lock
    FastStreamServer self = this;
    ChannelFuture bind =
        new ServerBootstrap()
            .group(group)
            .channel(channel)
            .option(ChannelOption.SO_BACKLOG, options.backlog())
            .option(ChannelOption.SO_REUSEADDR, true)
            // Each step's chunks must leave at once, as a serving engine's: Nagle would hold them behind ACKs.
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new FastRequestHandler(self));
                  }
                })
            .bind("127.0.0.1", options.port())
            .awaitUninterruptibly();
    if (!bind.isSuccess()) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      statsThread.shutdownNow();
      throw new IllegalStateException(
          "cannot listen on 127.0.0.1:" + options.port() + ": " + bind.cause().getMessage(), bind.cause());
    }
    this.serverChannel = bind.channel();
  }

  public static FastStreamServer start(FastServerOptions options) {
    return new FastStreamServer(options);
  }

  public static void main(String[] args) throws Exception {
    FastServerOptions options;
    try {
      options = FastServerOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("fast LLM server: " + e.getMessage());
      System.exit(2);
      return;
    }
    FastStreamServer server = start(options);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fast-server-stop"));
    System.out.println(
        "fast LLM server: " + server.transport + ", " + options.threads() + " event loop(s), TTFT " + options.ttftMs()
            + " ms, ITL " + options.itlMs() + " ms, " + options.tokens() + " tokens, backlog " + options.backlog()
            + ", truth skips the first " + options.truthSkipFirst() + " requests");
    System.out.println(LISTENING + server.baseUrl());
    server.serverChannel.closeFuture().sync();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  public String transport() {
    return transport;
  }

  FastServerOptions options() {
    return options;
  }

  StreamWheel wheelOf(EventLoop loop) {
    return wheels.get(loop);
  }

  /** The rank of a generation request, from 1 in the order they are read (across loops). */
  long nextRequestRank() {
    return requestRank.incrementAndGet();
  }

  long requestRank() {
    return requestRank.get();
  }

  void connectionAccepted() {
    connectionCount.incrementAndGet();
  }

  void connectionClosed() {
    closedCount.incrementAndGet();
  }

  /** {@code GET /stats/requests}: cheap counters, readable from any thread, for a harness to poll. */
  String counters() {
    return "{\"requests_total\":" + requestRank.get() + ",\"connections_total\":" + connectionCount.get()
        + ",\"connections_closed_total\":" + closedCount.get() + "}";
  }

  /** The merged truth as JSON, handed to {@code reply} on the stats thread; each loop snapshots its own. */
  void stats(Consumer<String> reply) {
    statsThread.execute(
        () -> {
          LoopStats merged = new LoopStats();
          for (Future<LoopStats> part : onEveryLoop(w -> w.stats.copy())) {
            merged.add(join(part));
          }
          reply.accept(merged.json(origin, transport, options.threads(), options));
        });
  }

  /** Zeroes every loop's truth, then runs {@code done}. */
  void reset(Runnable done) {
    statsThread.execute(
        () -> {
          for (Future<LoopStats> part : onEveryLoop(w -> {
            w.stats.reset();
            return null;
          })) {
            join(part);
          }
          done.run();
        });
  }

  private List<Future<LoopStats>> onEveryLoop(java.util.function.Function<StreamWheel, LoopStats> task) {
    List<Future<LoopStats>> parts = new ArrayList<>();
    for (StreamWheel w : wheels.values()) {
      parts.add(w.loop.submit(() -> task.apply(w)));
    }
    return parts;
  }

  private static LoopStats join(Future<LoopStats> f) {
    try {
      return f.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("an event loop did not answer the stats request", e);
    }
  }

  @Override
  public void close() {
    serverChannel.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    statsThread.shutdownNow();
  }

  private static boolean epollAvailable() {
    try {
      return Epoll.isAvailable();
    } catch (LinkageError e) {
      return false; // no native library for this platform on the class path
    }
  }
}
