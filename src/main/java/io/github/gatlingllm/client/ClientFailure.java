package io.github.gatlingllm.client;

/**
 * Why a streaming request failed. Created only on failure (never on the hot path).
 *
 * @param kind the bounded category
 * @param httpStatus the response status for {@link Kind#HTTP_STATUS}, else 0
 * @param detail a short human-readable detail (the start of an error body, an exception message); may be empty, never
 *     contains request headers (API keys)
 */
public record ClientFailure(Kind kind, int httpStatus, String detail) {

  public enum Kind {
    /** The TCP connection could not be established (refused, unreachable, DNS). */
    CONNECT_ERROR,
    /** The TCP connection was not established within the connect timeout. */
    CONNECT_TIMEOUT,
    /** The TLS handshake failed. */
    TLS_ERROR,
    /** No SSE data event arrived within the first-token timeout after the request was sent. */
    FIRST_TOKEN_TIMEOUT,
    /**
     * The gap between two SSE data events exceeded the idle timeout (or, with no first-token timeout set, the time
     * from send to the first event did).
     */
    IDLE_TIMEOUT,
    /** The whole request took longer than the total timeout. */
    TOTAL_TIMEOUT,
    /** The server answered with a non-2xx status. */
    HTTP_STATUS,
    /** The connection closed or reset before the response body ended. */
    CONNECTION_CLOSED,
    /** The response could not be parsed as HTTP/1.1. */
    PROTOCOL_ERROR,
    /** Any other I/O error. */
    IO_ERROR,
    /**
     * The client was closed with the request in flight or before it was sent: the run ended (Gatling stopped the
     * load, or the JVM is shutting down). The client's doing, not the server's.
     */
    CANCELLED
  }

  public static ClientFailure of(Kind kind, String detail) {
    return new ClientFailure(kind, 0, detail == null ? "" : detail);
  }
}
