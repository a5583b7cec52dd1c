package io.github.gatlingllm.action;

/** A request could not be built from the session: a missing attribute, a value of the wrong type, bad EL. */
public final class RequestBuildException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RequestBuildException(String message) {
    super(message, null, false, false);
  }
}
