package io.github.gatlingllm.api;

import java.nio.charset.StandardCharsets;

/** Bounded texts taken from streamed events for errors: a server's message or a malformed payload's start. */
final class EventText {
  /** Longest error message kept from an event (Gatling Enterprise keeps one entry per distinct message). */
  static final int MAX_ERROR_MESSAGE = 200;

  private EventText() {}

  static String truncate(String text) {
    return text.length() <= MAX_ERROR_MESSAGE ? text : text.substring(0, MAX_ERROR_MESSAGE) + "...";
  }

  /** The first 80 bytes of a payload, quoted, for a malformed-event message. */
  static String preview(byte[] data, int length) {
    int shown = Math.min(length, 80);
    String text = new String(data, 0, shown, StandardCharsets.UTF_8);
    return "'" + text + (shown < length ? "...'" : "'");
  }
}
