package io.github.gatlingllm.client;

import io.netty.channel.ChannelFactory;
import io.netty.channel.socket.SocketChannel;
import java.time.Duration;

/**
 * How the client connects and when it gives up. A zero or negative duration disables that timeout (connect excepted:
 * it always has one).
 *
 * @param channelFactory creates sockets compatible with the event loops requests run on (Gatling's transport: io_uring,
 *     epoll or NIO)
 * @param connectTimeout TCP connect limit, and separately the TLS handshake limit (null or non-positive: 10 s)
 * @param firstTokenTimeout from send to the first SSE data event
 * @param idleTimeout the longest gap between two SSE data events; before the first event it applies from the send only
 *     when {@code firstTokenTimeout} is disabled (a long prefill is not an idle gap)
 * @param totalTimeout from send to the end of the response
 * @param tls how server certificates are verified and which client certificate is shown (null: {@link
 *     TlsSettings#VERIFIED})
 */
public record ClientSettings(
    ChannelFactory<? extends SocketChannel> channelFactory,
    Duration connectTimeout,
    Duration firstTokenTimeout,
    Duration idleTimeout,
    Duration totalTimeout,
    TlsSettings tls) {}
