package io.github.gatlingllm.protocol;

import io.github.gatlingllm.client.ClientSettings;
import io.github.gatlingllm.client.ResponseLimits;
import io.github.gatlingllm.client.TlsSettings;
import io.netty.channel.ChannelFactory;
import io.netty.channel.socket.SocketChannel;
import java.time.Duration;

/**
 * How a protocol's client connects and when it gives up on a request: protocols with equal settings share one client.
 *
 * @param connectTimeout TCP connect (and TLS handshake) limit
 * @param firstTokenTimeout send to first streamed event; zero disables
 * @param idleTimeout longest gap between streamed events; zero disables
 * @param totalTimeout send to end of the response; zero disables
 * @param tls certificate verification (on by default) and the client certificate, for the load and the side requests
 * @param limits what a hostile server may cost a request: body cap, retry of an unanswered POST
 * @param preconnect keep-alive connections opened to the server before the load starts (0 = none): see
 *     {@code LlmProtocolBuilder.preconnect}
 */
public record ConnectionSettings(
    Duration connectTimeout,
    Duration firstTokenTimeout,
    Duration idleTimeout,
    Duration totalTimeout,
    TlsSettings tls,
    ResponseLimits limits,
    int preconnect) {
  public ConnectionSettings {
    if (preconnect < 0) {
      throw new IllegalArgumentException("preconnect must be >= 0 connections, got " + preconnect);
    }
  }

  /** The client's settings for sockets made by {@code channelFactory} (the transport of Gatling's event loops). */
  ClientSettings forClient(ChannelFactory<? extends SocketChannel> channelFactory) {
    return new ClientSettings(
        channelFactory, connectTimeout, firstTokenTimeout, idleTimeout, totalTimeout, tls);
  }
}
