package io.github.gatlingllm.client;

import io.github.gatlingllm.client.ClientFailure.Kind;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

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
      return tlsFailure(cause);
    }
    return ClientFailure.of(Kind.CONNECT_ERROR, detail(cause));
  }

  /** A failure on an established connection while a request is in flight. */
  static ClientFailure exchangeFailure(Throwable cause) {
    if (isTls(cause)) {
      return tlsFailure(cause);
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

  /**
   * A TLS failure, its detail starting with the reason a user acts on (which certificate to fix or trust) when the
   * cause chain tells it: the JDK words it deep in nested exceptions.
   */
  static ClientFailure tlsFailure(Throwable cause) {
    String reason = tlsReason(cause);
    return ClientFailure.of(Kind.TLS_ERROR, reason == null ? detail(cause) : reason + ": " + detail(cause));
  }

  /** The short reason of a certificate failure, or null when the chain names none. */
  static String tlsReason(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CertificateExpiredException) {
        return "certificate expired";
      }
      if (t instanceof CertificateNotYetValidException) {
        return "certificate not yet valid";
      }
      if (t instanceof CertPathValidatorException v && v.getReason() instanceof BasicReason basic) {
        switch (basic) {
          case EXPIRED:
            return "certificate expired";
          case NOT_YET_VALID:
            return "certificate not yet valid";
          case REVOKED:
            return "certificate revoked";
          default:
            break; // the nested cause, or the builder's failure, says more
        }
      }
      if (t instanceof CertPathBuilderException) {
        // No path from the server's certificate to a trusted one: self-signed, or a private CA not given in caCert.
        return "unknown CA";
      }
      if (t instanceof SSLPeerUnverifiedException || isHostNameMismatch(t.getMessage())) {
        return "host-name mismatch";
      }
      if (t.getMessage() != null
          && (t.getMessage().contains("certificate_required") || t.getMessage().contains("bad_certificate"))) {
        return "client certificate refused";
      }
    }
    return null;
  }

  /** The JDK's host-name checker words (sun.security.util.HostnameChecker), the only way it tells this case. */
  private static boolean isHostNameMismatch(String message) {
    return message != null
        && (message.contains("No subject alternative") || message.contains("No name matching"));
  }

  static String detail(Throwable cause) {
    String msg = cause.getMessage();
    String text = msg == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + msg;
    return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL);
  }
}
