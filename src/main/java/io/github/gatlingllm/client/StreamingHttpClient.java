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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
  /** Connection attempts of a {@link #preconnect} in flight at once: well under any server's accept backlog. */
  static final int PRECONNECT_IN_FLIGHT = 128;

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
    ConnectionPool pool = poolOf(loop);
    // Read after the pool is registered: close() either sees this pool or we see closed (both are volatile).
    if (closed) {
      ex.fail(Failures.CLIENT_CLOSED, System.nanoTime());
      return;
    }
    pool.dispatch(ex);
  }

  private ConnectionPool poolOf(EventLoop loop) {
    ConnectionPool pool = pools.get(loop);
    return pool != null ? pool : pools.computeIfAbsent(loop, l -> new ConnectionPool(l, this, connector));
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * What {@link #preconnect} did.
   *
   * @param opened connections open and idle in the pools
   * @param failed attempts that failed (refused, timed out, TLS)
   * @param firstFailure why the first failed attempt failed, or null
   * @param millis how long it took
   */
  public record Preconnected(int opened, int failed, String firstFailure, long millis) {}

  /**
   * Opens {@code connections} keep-alive connections to {@code target} before the load, spread evenly over
   * {@code loops} (requests only use the connections of their own loop), so that the load's first requests neither pay
   * for a connection nor make the server accept a burst of them. At most {@value #PRECONNECT_IN_FLIGHT} attempts are
   * in flight at once, so the server's accept queue is not flooded. Blocks the caller until every attempt has ended:
   * never call it on an event loop.
   */
  public Preconnected preconnect(List<EventLoop> loops, HttpTarget target, int connections) {
    if (loops.isEmpty() || connections <= 0) {
      return new Preconnected(0, 0, null, 0);
    }
    for (EventLoop loop : loops) {
      if (loop.inEventLoop()) {
        throw new IllegalStateException("preconnect blocks: it must not run on an event loop");
      }
    }
    long start = System.nanoTime();
    CountDownLatch done = new CountDownLatch(connections);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    // Attempts owed but not started yet. An ended attempt starts the next one from its callback; when attempts end
    // synchronously (a loop that refuses tasks), that would nest one call deeper per attempt, so whichever thread finds
    // the count at zero starts attempts in a loop until none is owed, and a nested call only adds to the count.
    AtomicInteger owed = new AtomicInteger();
    // Set once the caller stopped waiting: the attempts still in flight end on their own, but start no more (the load
    // may be under way: a burst of connections then is what preconnecting was meant to avoid).
    AtomicBoolean abandoned = new AtomicBoolean();
    Runnable[] startOwed = new Runnable[1];
    startOwed[0] =
        () -> {
          if (owed.getAndIncrement() != 0) {
            return;
          }
          do {
            int i = next.getAndIncrement();
            if (i < connections && !abandoned.get()) {
              connector.preconnect(
                  poolOf(loops.get(i % loops.size())),
                  target,
                  (ok, cause) -> {
                    if (ok) {
                      opened.incrementAndGet();
                    } else {
                      firstFailure.compareAndSet(null, Failures.detail(cause));
                      failed.incrementAndGet();
                    }
                    done.countDown();
                    startOwed[0].run();
                  });
            }
          } while (owed.decrementAndGet() != 0);
        };
    for (int i = 0; i < Math.min(PRECONNECT_IN_FLIGHT, connections); i++) {
      startOwed[0].run();
    }
    try {
      done.await(
          preconnectWaitMillis(connections, connector.connectTimeoutMillis(), target.tls()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    abandoned.set(true);
    // Each counted on its own: attempts still ending after the wait cannot make one the other's difference.
    return new Preconnected(
        opened.get(),
        failed.get(),
        firstFailure.get(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  /**
   * A bound on the whole preconnect: every wave of attempts may take a whole connect timeout, and with TLS a whole
   * handshake timeout after it (the same duration, {@link ClientSettings}).
   */
  static long preconnectWaitMillis(int connections, int connectTimeoutMillis, boolean tls) {
    long waves = (connections + PRECONNECT_IN_FLIGHT - 1) / PRECONNECT_IN_FLIGHT;
    long perWave = (tls ? 2L : 1L) * connectTimeoutMillis;
    return Math.min(TimeUnit.MINUTES.toMillis(5), waves * perWave + 1_000);
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
