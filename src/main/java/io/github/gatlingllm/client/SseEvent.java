package io.github.gatlingllm.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One decoded Server-Sent Event (or, for a {@link BodyFormat#RAW raw} body, one received slice of it), reused for every event of a connection so that decoding allocates nothing.
 *
 * <p>{@link #data()} holds the {@code data} field's bytes from index 0 to {@link #dataLength()} (several
 * {@code data:} lines joined with {@code '\n'}, as the SSE specification says). {@link #eventType()} and
 * {@link #id()} are {@code null} unless the event carried those fields (rare for LLM servers, so allocating a String
 * for them is acceptable).
 */
public final class SseEvent {
  private static final int INITIAL_BYTES = 1024;
  /**
   * The largest array kept from one response to the next. One huge event must not stay pinned by its idle connection
   * (100 connections that each once saw a 15 MiB event would hold 1.5 GiB); above any ordinary LLM chunk, so a normal
   * stream never reallocates.
   */
  static final int MAX_RETAINED_BYTES = 64 * 1024;

  private byte[] data = new byte[INITIAL_BYTES];
  private int dataLength;
  private String eventType;
  private String id;

  public byte[] data() {
    return data;
  }

  public int dataLength() {
    return dataLength;
  }

  public String eventType() {
    return eventType;
  }

  public String id() {
    return id;
  }

  /** True when the data is exactly the given ASCII marker, e.g. {@code [DONE]}; allocates nothing. */
  public boolean dataEquals(byte[] marker) {
    return dataLength == marker.length && Arrays.equals(data, 0, dataLength, marker, 0, marker.length);
  }

  /** The data as a String: for errors and tests only, never on the hot path. */
  public String dataAsString() {
    return new String(data, 0, dataLength, StandardCharsets.UTF_8);
  }

  // ---- mutation, used by the decoder only ----

  void reset() {
    dataLength = 0;
    eventType = null;
    id = null;
  }

  /** Between responses: lets go of an array that one large event grew beyond {@link #MAX_RETAINED_BYTES}. */
  void shrink() {
    if (data.length > MAX_RETAINED_BYTES) {
      data = new byte[INITIAL_BYTES];
    }
  }

  /** The bytes this event holds on to: what an idle connection retains. */
  int capacity() {
    return data.length;
  }

  /** Ensures room for {@code extra} more bytes and returns the array to write into at {@link #dataLength()}. */
  byte[] reserve(int extra) {
    int needed = dataLength + extra;
    if (needed > data.length) {
      data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
    }
    return data;
  }

  void advance(int written) {
    dataLength += written;
  }

  void eventType(String eventType) {
    this.eventType = eventType;
  }

  void id(String id) {
    this.id = id;
  }
}
