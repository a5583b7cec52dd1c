package io.github.gatlingllm.api;

/**
 * An event payload this dialect cannot read. Expected under fault injection and on broken servers, so it carries no
 * stack trace (cheap to throw on the event loop).
 */
public final class MalformedEventException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedEventException(String message) {
    super(message, null, false, false);
  }
}
