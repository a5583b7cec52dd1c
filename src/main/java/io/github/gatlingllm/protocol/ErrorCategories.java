package io.github.gatlingllm.protocol;

import io.github.gatlingllm.client.ClientFailure;
import io.github.gatlingllm.metrics.ErrorCategory;

/** Maps the client's failure kinds onto the recorded error categories. */
final class ErrorCategories {
  private ErrorCategories() {}

  static ErrorCategory of(ClientFailure.Kind kind) {
    return switch (kind) {
      case CONNECT_ERROR -> ErrorCategory.CONNECT_ERROR;
      case CONNECT_TIMEOUT -> ErrorCategory.CONNECT_TIMEOUT;
      case TLS_ERROR -> ErrorCategory.TLS_ERROR;
      case FIRST_TOKEN_TIMEOUT -> ErrorCategory.FIRST_TOKEN_TIMEOUT;
      case IDLE_TIMEOUT -> ErrorCategory.IDLE_TIMEOUT;
      case TOTAL_TIMEOUT -> ErrorCategory.TOTAL_TIMEOUT;
      case HTTP_STATUS -> ErrorCategory.HTTP_STATUS;
      case CONNECTION_CLOSED -> ErrorCategory.CONNECTION_CLOSED;
      case PROTOCOL_ERROR -> ErrorCategory.PROTOCOL_ERROR;
      case IO_ERROR -> ErrorCategory.IO_ERROR;
      case CANCELLED -> ErrorCategory.CANCELLED;
    };
  }
}
