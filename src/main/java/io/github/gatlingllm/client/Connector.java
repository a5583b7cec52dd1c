package io.github.gatlingllm.client;

import io.github.gatlingllm.client.ClientFailure.Kind;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * Opens new connections: resolve, TCP connect on the exchange's own event loop, TLS handshake, then hands the
 * exchange to the new connection. Allocation here is per connection, not per request or event.
 *
 * <p>Shared by all pools of a client (its state is immutable, except the lazily built TLS context).
 */
final class Connector {
  private final ChannelFactory<? extends SocketChannel> channelFactory;
  private final int connectTimeoutMillis;
  private final TlsMaterial tls;
  private final HostResolver resolver = new HostResolver();
  private volatile SslContext sslContext;

  Connector(ChannelFactory<? extends SocketChannel> channelFactory, int connectTimeoutMillis, TlsMaterial tls) {
    this.channelFactory = channelFactory;
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.tls = tls;
  }

  int connectTimeoutMillis() {
    return connectTimeoutMillis;
  }

  void connect(ConnectionPool pool, Exchange ex) {
    CompletableFuture<InetAddress> address = resolver.resolve(ex.target().host());
    if (address.isDone()) {
      connectTo(pool, ex, address);
      return;
    }
    address.whenComplete(
        (a, e) -> {
          try {
            pool.loop.execute(() -> connectTo(pool, ex, address));
          } catch (RejectedExecutionException shutDown) {
            // The loop is gone, and with it every thread the handler could be called on.
          }
        });
  }

  private void connectTo(ConnectionPool pool, Exchange ex, CompletableFuture<InetAddress> address) {
    if (ex.isDone()) {
      return;
    }
    if (pool.isClientClosed()) {
      ex.fail(Failures.CLIENT_CLOSED, System.nanoTime());
      return;
    }
    HttpTarget target = ex.target();
    InetAddress ip;
    try {
      ip = address.join();
    } catch (CompletionException | CancellationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      ex.fail(ClientFailure.of(Kind.CONNECT_ERROR, "cannot resolve host: " + Failures.detail(cause)), System.nanoTime());
      return;
    }
    SslContext ssl = null;
    if (target.tls()) {
      try {
        ssl = sslContext();
      } catch (SSLException | RuntimeException e) {
        ex.fail(Failures.tlsFailure(e), System.nanoTime());
        return;
      }
    }
    ReadClock clock = new ReadClock(pool.passClock);
    Http1Connection conn = new Http1Connection(pool, target, clock);
    ChannelFuture connect = open(pool, conn, clock, ip, ssl);
    sendWhenReady(pool, ex, conn, connect);
  }

  /**
   * Opens a keep-alive connection to {@code target} on the pool's loop before any request needs it, and hands it to
   * the pool's idle connections once connected (and, for TLS, once the handshake is done). {@code done} gets true
   * when the connection is ready, false with the cause otherwise; it runs on the loop.
   */
  void preconnect(ConnectionPool pool, HttpTarget target, BiConsumer<Boolean, Throwable> done) {
    CompletableFuture<InetAddress> address = resolver.resolve(target.host());
    address.whenComplete(
        (a, e) -> {
          try {
            pool.loop.execute(() -> preconnectTo(pool, target, address, done));
          } catch (RejectedExecutionException shutDown) {
            // The loop is gone: nothing to warm, but the attempt has ended and the caller counts it.
            done.accept(false, shutDown);
          }
        });
  }

  private void preconnectTo(
      ConnectionPool pool,
      HttpTarget target,
      CompletableFuture<InetAddress> address,
      BiConsumer<Boolean, Throwable> done) {
    if (pool.isClientClosed()) {
      // Closed while the attempts went on: opening the connection only to close it would still cost the server.
      done.accept(false, new IllegalStateException(Failures.CLIENT_CLOSED.detail()));
      return;
    }
    InetAddress ip;
    SslContext ssl;
    try {
      ip = address.join();
      ssl = target.tls() ? sslContext() : null;
    } catch (SSLException | RuntimeException e) { // the resolver's CompletionException included
      done.accept(false, e.getCause() != null ? e.getCause() : e);
      return;
    }
    ReadClock clock = new ReadClock(pool.passClock);
    Http1Connection conn = new Http1Connection(pool, target, clock);
    ChannelFuture connect = open(pool, conn, clock, ip, ssl);
    whenReady(
        connect,
        () -> {
          pool.release(conn);
          done.accept(true, null);
        },
        cause -> done.accept(false, cause),
        cause -> done.accept(false, cause));
  }

  /** TCP connect on the pool's loop with our pipeline ending in {@code conn}; the pool knows the channel at once. */
  private ChannelFuture open(ConnectionPool pool, Http1Connection conn, ReadClock clock, InetAddress ip, SslContext ssl) {
    HttpTarget target = conn.target;
    Bootstrap bootstrap =
        new Bootstrap()
            .group(pool.loop)
            .channelFactory(channelFactory)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
            .handler(new Initializer(clock, ssl, target, connectTimeoutMillis, conn));
    ChannelFuture connect = bootstrap.connect(new InetSocketAddress(ip, target.port()));
    pool.opened(connect.channel());
    return connect;
  }

  private static void sendWhenReady(ConnectionPool pool, Exchange ex, Http1Connection conn, ChannelFuture connect) {
    // Send only after the handshake: onSend marks the request leaving, not the connection being set up.
    whenReady(
        connect,
        () -> conn.send(ex),
        cause ->
            ex.fail(pool.isClientClosed() ? Failures.CLIENT_CLOSED : Failures.connectFailure(cause), System.nanoTime()),
        cause -> ex.fail(pool.isClientClosed() ? Failures.CLIENT_CLOSED : Failures.tlsFailure(cause), System.nanoTime()));
  }

  /**
   * Calls {@code ready} once the new connection can carry a request: connected, and for TLS, its handshake done. Else
   * one of the failure callbacks with the cause; a failed handshake closes the channel first. Runs on the loop.
   */
  private static void whenReady(
      ChannelFuture connect, Runnable ready, Consumer<Throwable> connectFailed, Consumer<Throwable> tlsFailed) {
    connect.addListener(
        f -> {
          Channel channel = connect.channel();
          if (!connect.isSuccess()) {
            connectFailed.accept(connect.cause());
            return;
          }
          SslHandler ssl = channel.pipeline().get(SslHandler.class);
          if (ssl == null) {
            ready.run();
            return;
          }
          ssl.handshakeFuture()
              .addListener(
                  h -> {
                    if (h.isSuccess()) {
                      ready.run();
                    } else {
                      channel.close();
                      tlsFailed.accept(h.cause());
                    }
                  });
        });
  }

  /** Built on first use, once per client: building a context is costly (key material, cipher setup). */
  private SslContext sslContext() throws SSLException {
    SslContext ctx = sslContext;
    if (ctx == null) {
      synchronized (this) {
        ctx = sslContext;
        if (ctx == null) {
          ctx = tls.nettyContext();
          sslContext = ctx;
        }
      }
    }
    return ctx;
  }

  /** Pipeline: read clock (raw reads), TLS, HTTP/1.1 codec, the request driver. One concern per handler. */
  private static final class Initializer extends ChannelInitializer<Channel> {
    private final ReadClock clock;
    private final SslContext ssl;
    private final HttpTarget target;
    private final int handshakeTimeoutMillis;
    private final Http1Connection conn;

    Initializer(ReadClock clock, SslContext ssl, HttpTarget target, int handshakeTimeoutMillis, Http1Connection conn) {
      this.clock = clock;
      this.ssl = ssl;
      this.target = target;
      this.handshakeTimeoutMillis = handshakeTimeoutMillis;
      this.conn = conn;
    }

    @Override
    protected void initChannel(Channel ch) {
      ChannelPipeline p = ch.pipeline();
      p.addLast(clock);
      if (ssl != null) {
        // Peer host and port give SNI (for host names) and, when verification is on, the name to check.
        SslHandler handler = ssl.newHandler(ch.alloc(), target.host(), target.port());
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        p.addLast(handler);
      }
      p.addLast(new HttpClientCodec());
      // We never ask for compression, but a proxy may compress anyway: gzip and deflate are decoded (a pass-through
      // for plain bodies); any other encoding stays in the headers and fails the request by name.
      p.addLast(new HttpContentDecompressor());
      p.addLast(conn);
    }
  }
}
