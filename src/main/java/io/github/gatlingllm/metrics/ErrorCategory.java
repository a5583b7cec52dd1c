package io.github.gatlingllm.metrics;

/**
 * The bounded set of reasons a request fails. Bounded on purpose: Gatling (and Gatling Enterprise) keep one entry per
 * distinct error message, so free text must never become a message.
 */
public enum ErrorCategory {
  CONNECT_ERROR("connect error"),
  CONNECT_TIMEOUT("connect timeout"),
  TLS_ERROR("TLS error"),
  FIRST_TOKEN_TIMEOUT("first-token timeout"),
  IDLE_TIMEOUT("idle timeout"),
  TOTAL_TIMEOUT("total timeout"),
  /** Non-2xx status: the label is completed with the status code, see {@link #label(int)}. */
  HTTP_STATUS("HTTP status"),
  CONNECTION_CLOSED("connection closed mid-stream"),
  PROTOCOL_ERROR("HTTP protocol error"),
  IO_ERROR("I/O error"),
  /** An SSE data payload that is not valid JSON of the expected shape. */
  MALFORMED_EVENT("malformed event"),
  /** The server sent an {@code error} object inside the stream. */
  SERVER_ERROR_EVENT("error event in stream"),
  /** The stream ended normally but carried no event with a non-empty {@code choices} array. */
  NO_CHOICES("stream without choices"),
  /** The request could not be built from the session (missing attribute, bad EL). */
  REQUEST_BUILD_ERROR("request build error"),
  /**
   * The stream succeeded but a Gatling check on it failed (e.g. {@code check(answer().is("x"))}): Gatling counts the
   * request KO with the check's message, and the summary counts it failed, so the two agree. The message (which may
   * quote the answer) is the record's detail; the label stays bounded.
   */
  CHECK("check failed"),
  /** The run ended (or the client closed) while the request was in flight. */
  CANCELLED("cancelled");

  private final String label;

  ErrorCategory(String label) {
    this.label = label;
  }

  /** The message used in Gatling's stats and in the summary's {@code errors} list. */
  public String label() {
    return label;
  }

  /** The label for a given HTTP status: {@code "HTTP 503"} for {@link #HTTP_STATUS}, else {@link #label()}. */
  public String label(int httpStatus) {
    return this == HTTP_STATUS ? "HTTP " + httpStatus : label;
  }
}
