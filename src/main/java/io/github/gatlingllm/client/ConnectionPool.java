package io.github.gatlingllm.client;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Promise;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The idle keep-alive connections of one event loop, per target.
 *
 * <p>Thread rule: every method except {@link #isClientClosed} runs on {@link #loop}, so the structures are plain
 * (no locks, no concurrent queues, no allocation per acquire or release). Connections are used last-in first-out:
 * the warmest one is reused, the coldest ones age out when the server closes them.
 */
final class ConnectionPool {
  final EventLoop loop;
  /** Shared by the connections of this loop: one read stamp per I/O pass. */
  final IoPassClock passClock;
  private final StreamingHttpClient client;
  private final Connector connector;
  private final Map<HttpTarget, ArrayDeque<Http1Connection>> idle = new HashMap<>();
  /** Every channel this pool opened and not yet closed, connecting ones included: what {@link #closeAll} closes. */
  private final Set<Channel> open = new HashSet<>();

  ConnectionPool(EventLoop loop, StreamingHttpClient client, Connector connector) {
    this.loop = loop;
    this.passClock = new IoPassClock(loop);
    this.client = client;
    this.connector = connector;
  }

  ResponseLimits limits() {
    return client.limits;
  }

  boolean isClientClosed() {
    return client.isClosed();
  }

  /** Sends the exchange on an idle connection to its target, or on a new one. */
  void dispatch(Exchange ex) {
    Http1Connection conn = pollActive(ex.target());
    if (conn != null) {
      ex.reusedConnection = true;
      conn.send(ex);
    } else {
      connector.connect(this, ex);
    }
  }

  /** Second and last attempt of an exchange whose pooled connection turned out stale: always a new connection. */
  void retry(Exchange ex) {
    ex.retried = true;
    ex.reusedConnection = false;
    connector.connect(this, ex);
  }

  private Http1Connection pollActive(HttpTarget target) {
    ArrayDeque<Http1Connection> q = idle.get(target);
    if (q == null) {
      return null;
    }
    Http1Connection conn;
    while ((conn = q.pollFirst()) != null) {
      if (conn.isActive()) {
        return conn;
      }
    }
    return null;
  }

  /** A connection whose response ended with keep-alive allowed. */
  void release(Http1Connection conn) {
    if (client.isClosed()) {
      conn.close();
      return;
    }
    idle.computeIfAbsent(conn.target, t -> new ArrayDeque<>()).offerFirst(conn);
  }

  /** The connection's channel went inactive: never hand it out again. */
  void removed(Http1Connection conn) {
    ArrayDeque<Http1Connection> q = idle.get(conn.target);
    if (q != null) {
      q.remove(conn);
    }
  }

  void opened(Channel channel) {
    open.add(channel);
    // A per-connection listener (not per request): keeps the open set exact whatever closes the channel.
    channel.closeFuture().addListener(f -> open.remove(channel));
  }

  /** Closes everything; in-flight requests fail through their connections' close. Runs on the loop. */
  void closeAll(Promise<Void> done) {
    Channel[] channels = open.toArray(new Channel[0]);
    open.clear();
    idle.clear();
    for (Channel ch : channels) {
      ch.close();
    }
    // Queued behind the inactive events that the closes just scheduled, so the requests have failed by then.
    try {
      loop.execute(() -> done.trySuccess(null));
    } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
      done.trySuccess(null);
    }
  }
}
