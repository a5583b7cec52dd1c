package io.github.gatlingllm.client;

import io.github.gatlingllm.client.ClientFailure.Kind;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;

/**
 * Turns exceptions into {@link ClientFailure}s. Failure paths only, so allocation here is fine.
 *
 * <p>Details come from exception class names and messages of Netty / JDK network code, which never contain request
 * headers; request building errors are reported with a fixed text instead (see {@link RequestEncoder}).
 */
final class Failures {
  private static final int MAX_DETAIL = 300;

  static final ClientFailure CLIENT_CLOSED = ClientFailure.of(Kind.CANCELLED, "the client closed: the run ended");

  private Failures() {}

  /** A failure while establishing the connection (TCP connect, TLS handshake). */
  static ClientFailure connectFailure(Throwable cause) {
    if (cause instanceof ConnectTimeoutException) {
      return ClientFailure.of(Kind.CONNECT_TIMEOUT, detail(cause));
    }
    if (isTls(cause)) {
      return ClientFailure.of(Kind.TLS_ERROR, detail(cause));
    }
    return ClientFailure.of(Kind.CONNECT_ERROR, detail(cause));
  }

  /** A failure on an established connection while a request is in flight. */
  static ClientFailure exchangeFailure(Throwable cause) {
    if (isTls(cause)) {
      return ClientFailure.of(Kind.TLS_ERROR, detail(cause));
    }
    if (cause instanceof DecoderException) {
      return ClientFailure.of(Kind.PROTOCOL_ERROR, detail(cause));
    }
    if (isConnectionLoss(cause)) {
      return ClientFailure.of(Kind.CONNECTION_CLOSED, detail(cause));
    }
    return ClientFailure.of(Kind.IO_ERROR, detail(cause));
  }

  /** True when the peer closed or reset the socket, as opposed to a local bug or a decoding problem. */
  static boolean isConnectionLoss(Throwable cause) {
    if (cause instanceof ClosedChannelException || cause instanceof SocketException) {
      return true;
    }
    // Native transports (epoll, io_uring) report resets as plain IOExceptions carrying the errno text.
    String msg = cause.getMessage();
    return cause instanceof java.io.IOException
        && msg != null
        && (msg.contains("reset by peer") || msg.contains("Broken pipe") || msg.contains("Connection reset"));
  }

  static boolean isTls(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SSLException || t instanceof io.netty.handler.ssl.NotSslRecordException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** A server-sent value (a header) shown in a failure: cut short, as a hostile server may send kilobytes. */
  static String clip(String serverValue) {
    return serverValue.length() <= 100 ? serverValue : serverValue.substring(0, 100) + "...";
  }

  static String detail(Throwable cause) {
    String msg = cause.getMessage();
    String text = msg == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + msg;
    return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL);
  }
}
