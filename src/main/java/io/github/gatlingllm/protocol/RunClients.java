package io.github.gatlingllm.protocol;

import io.gatling.core.CoreComponents;
import io.gatling.netty.util.Transports;
import io.github.gatlingllm.client.StreamingHttpClient;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.github.gatlingllm.client.HttpTarget;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's HTTP clients and concurrency caps, shared by its scenarios: one client per distinct
 * {@link ConnectionSettings} (each with its per-event-loop pools), one cap per distinct max concurrency. Each
 * request gets the ones of its own protocol; closing them all is how the end of the run cancels what is in flight.
 */
final class RunClients {
  private final EventLoopGroup eventLoops;
  private final ChannelFactory<? extends SocketChannel> channelFactory;
  private final Map<ConnectionSettings, StreamingHttpClient> clients = new ConcurrentHashMap<>();
  private final Map<Integer, ConcurrencyLimiter> limiters = new ConcurrentHashMap<>();
  /** The clients and targets already preconnected. */
  private final Set<Map.Entry<ConnectionSettings, HttpTarget>> preconnected = ConcurrentHashMap.newKeySet();

  RunClients(CoreComponents core) {
    this.eventLoops = core.eventLoopGroup();
    // Sockets must match the transport of Gatling's event loops (io_uring, epoll or NIO), which our requests run on.
    this.channelFactory =
        Transports.newSocketChannelFactory(
            core.configuration().netty().useNativeTransport(), core.configuration().netty().useIoUring());
  }

  StreamingHttpClient clientFor(ConnectionSettings settings) {
    return clients.computeIfAbsent(settings, s -> new StreamingHttpClient(s.forClient(channelFactory), s.limits()));
  }

  /**
   * Opens the protocol's {@code preconnect} connections on its client, once per client and target (protocols that
   * share both share them), and prints what it did. Before the load: it blocks until every attempt has ended.
   *
   * @return whether connections were opened now (the caller then restarts what measures the load's own CPU)
   */
  boolean preconnect(LlmProtocol protocol) {
    int wanted = protocol.connection().preconnect();
    if (wanted <= 0 || !preconnected.add(Map.entry(protocol.connection(), protocol.server().target()))) {
      return false;
    }
    List<EventLoop> loops = new ArrayList<>();
    eventLoops.forEach(executor -> loops.add((EventLoop) executor));
    StreamingHttpClient.Preconnected done =
        clientFor(protocol.connection()).preconnect(loops, protocol.server().target(), wanted);
    System.out.printf(
        "gatling-llm opened %d of %d keep-alive connections to %s before the load (%d event loops) in %d ms%s%n",
        done.opened(), wanted, protocol.server().target().hostHeader(), loops.size(), done.millis(),
        done.failed() == 0 ? "" : "; " + done.failed() + " failed, the first: " + done.firstFailure());
    return true;
  }

  /** The shared cap for a max concurrency, or null when {@code cap} sets none. */
  ConcurrencyLimiter limiterFor(int cap) {
    return cap <= 0 ? null : limiters.computeIfAbsent(cap, ConcurrencyLimiter::new);
  }

  /** Gatling's event loops, which every request runs on. */
  EventLoopGroup eventLoops() {
    return eventLoops;
  }

  /** Warms the client code up on Gatling's own event loops and transport, before the load (blocks the caller). */
  ClientWarmUp.Result warmUp() {
    return ClientWarmUp.run(eventLoops, channelFactory);
  }

  /**
   * Closes every client: requests still in flight end as {@code cancelled}. Bounded: each close waits at most
   * {@code StreamingHttpClient.CLOSE_WAIT_MILLIS}.
   */
  void close() {
    clients.values().forEach(StreamingHttpClient::close);
  }
}
