package io.github.gatlingllm.dataset;

/**
 * A dataset file that cannot be used: malformed structure, a missing key, nothing usable in it. The message names the
 * file, the entry or line, and what was expected.
 */
public final class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
