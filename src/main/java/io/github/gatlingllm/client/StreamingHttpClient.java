package io.github.gatlingllm.client;

import io.github.gatlingllm.client.ClientFailure.Kind;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 client for streaming (SSE) POST requests, built to stay out of its own measurements.
 *
 * <p><b>Threading.</b> {@link #execute} must be called on the event loop passed to it; the request, its connection and
 * every {@link StreamHandler} callback stay on that loop. Each loop has its own pool of keep-alive connections (no
 * locks, no hop between threads). Callbacks may run before {@code execute} returns (for example {@code onSend} on a
 * pooled connection, or {@code onFailure} when the client is closed). A handler must not block.
 *
 * <p><b>Ownership.</b> The request's body array and header list are read during {@code execute} and for a retry, so
 * they must not change until the terminal callback. The {@link SseEvent} given to {@code onEvent} is reused afterwards.
 *
 * <p>{@link #close} may be called from any thread: it closes every pooled and active connection; requests in flight
 * fail with {@link Kind#CANCELLED}, later ones fail at once.
 */
public final class StreamingHttpClient implements AutoCloseable {
  /** Used when the settings give no positive connect timeout: a connect attempt must always end. */
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private static final long CLOSE_WAIT_MILLIS = 10_000;

  private final ConcurrentHashMap<EventLoop, ConnectionPool> pools = new ConcurrentHashMap<>();
  private final Connector connector;
  private final Timeouts timeouts;
  final ResponseLimits limits;
  private volatile boolean closed;

  public StreamingHttpClient(ClientSettings settings) {
    this(settings, ResponseLimits.DEFAULT);
  }

  public StreamingHttpClient(ClientSettings settings, ResponseLimits limits) {
    Objects.requireNonNull(settings, "settings");
    this.limits = Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(settings.channelFactory(), "settings.channelFactory");
    Duration connect = settings.connectTimeout();
    if (connect == null || connect.isNegative() || connect.isZero()) {
      connect = DEFAULT_CONNECT_TIMEOUT;
    }
    int connectMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, connect.toMillis()));
    // The PEM files are read here, at start-up, never on an event loop; a bad one stops the run naming it.
    TlsMaterial tls = TlsMaterial.load(settings.tls() == null ? TlsSettings.VERIFIED : settings.tls());
    this.connector = new Connector(settings.channelFactory(), connectMillis, tls);
    this.timeouts = Timeouts.of(settings);
  }

  /**
   * Sends the request on a pooled or new connection of {@code loop} and reports its life to {@code handler} on
   * {@code loop}: {@code onSend}, then {@code onResponseStart} and {@code onEvent}s, then exactly one of
   * {@code onEnd} / {@code onFailure} (none after {@code onEvent} returned false).
   *
   * @throws IllegalStateException if not called on {@code loop}
   */
  public void execute(EventLoop loop, StreamingRequest request, StreamHandler handler) {
    if (!loop.inEventLoop()) {
      throw new IllegalStateException("StreamingHttpClient.execute must be called on the event loop passed to it");
    }
    FullHttpRequest msg;
    try {
      msg = RequestEncoder.encode(request);
    } catch (RequestEncoder.InvalidHeaderException e) {
      handler.onFailure(ClientFailure.of(Kind.IO_ERROR, e.getMessage()), System.nanoTime());
      return;
    }
    Exchange ex = new Exchange(loop, request, handler, msg, timeouts);
    ConnectionPool pool = pools.get(loop);
    if (pool == null) {
      pool = pools.computeIfAbsent(loop, l -> new ConnectionPool(l, this, connector));
    }
    // Read after the pool is registered: close() either sees this pool or we see closed (both are volatile).
    if (closed) {
      ex.fail(Failures.CLIENT_CLOSED, System.nanoTime());
      return;
    }
    pool.dispatch(ex);
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Closes all connections of all loops. From a thread that is not an event loop it waits (up to 10 s) until they are
   * closed and the requests in flight have been failed; on an event loop it never blocks.
   */
  @Override
  public void close() {
    closed = true;
    boolean mayWait = !(Thread.currentThread() instanceof FastThreadLocalThread);
    List<Promise<Void>> pending = new ArrayList<>();
    for (ConnectionPool pool : pools.values()) {
      mayWait &= !pool.loop.inEventLoop();
      Promise<Void> done = pool.loop.newPromise();
      try {
        pool.loop.execute(() -> pool.closeAll(done));
        pending.add(done);
      } catch (RejectedExecutionException shutDown) {
        // The loop is shutting down and closes its channels itself.
      }
    }
    if (mayWait) {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
      for (Promise<Void> done : pending) {
        done.awaitUninterruptibly(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
    }
  }
}
