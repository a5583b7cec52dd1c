package io.github.gatlingllm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.client.ClientFailure.Kind;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The exception-to-kind mapping, including cases a loopback test cannot provoke (a connect timeout). */
class FailuresTest {

  @Test
  void connectPhase() {
    assertEquals(Kind.CONNECT_TIMEOUT, Failures.connectFailure(new ConnectTimeoutException("timed out")).kind());
    assertEquals(Kind.CONNECT_ERROR, Failures.connectFailure(new ConnectException("Connection refused")).kind());
    assertEquals(Kind.TLS_ERROR, Failures.connectFailure(new SSLHandshakeException("bad cert")).kind());
    assertEquals(Kind.CONNECT_ERROR, Failures.connectFailure(new IOException("No route to host")).kind());
  }

  @Test
  void exchangePhase() {
    assertEquals(Kind.TLS_ERROR, Failures.exchangeFailure(new DecoderException(new SSLHandshakeException("x"))).kind());
    assertEquals(Kind.PROTOCOL_ERROR, Failures.exchangeFailure(new TooLongFrameException("header too long")).kind());
    assertEquals(Kind.CONNECTION_CLOSED, Failures.exchangeFailure(new SocketException("Connection reset")).kind());
    assertEquals(Kind.CONNECTION_CLOSED, Failures.exchangeFailure(new ClosedChannelException()).kind());
    assertEquals(
        Kind.CONNECTION_CLOSED,
        Failures.exchangeFailure(new IOException("recvAddress(..) failed: Connection reset by peer")).kind());
    assertEquals(Kind.IO_ERROR, Failures.exchangeFailure(new IOException("disk on fire")).kind());
    assertEquals(Kind.IO_ERROR, Failures.exchangeFailure(new IllegalStateException("handler bug")).kind());
  }

  @Test
  void detailIsBounded() {
    String detail = Failures.detail(new IOException("y".repeat(5000)));
    assertTrue(detail.length() <= 300);
    assertTrue(detail.startsWith("IOException: "));
  }
}
