package io.github.gatlingllm.client;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a Server-Sent Events byte stream, fed one {@link ByteBuf} at a time, into {@link SseEvent}s.
 *
 * <p>The decoder is a byte-level state machine that survives any read boundary: a line, a field name, a CRLF pair or a
 * UTF-8 BOM may be split between two buffers. {@code data} bytes are copied straight from the buffer into the reused
 * {@link SseEvent} (no String per line, no allocation per event once the event array has grown to the largest event).
 * Line ends are found with {@link ByteBuf#forEachByte}, so a long JSON payload costs one scan and one bulk copy.
 *
 * <p>Deviations from the browser algorithm, chosen for load testing: an event still pending when the body ends is
 * dispatched by {@link #endOfStream} (some servers omit the final blank line), and {@link SseEvent#id()} is the id of
 * that event only (not the "last event id" carried over from earlier events).
 *
 * <p>Not thread-safe: one instance per connection, used on its event loop. The buffers passed in are only read
 * (absolute indexes; reader index untouched) and never released: the caller owns them.
 */
public final class SseDecoder {

  /** Receives each complete event that has a {@code data} field. */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param event reused for the next event once this call returns
     * @param readNanos the time of the socket read that completed the event
     * @return {@code false} to stop decoding (the rest of the buffer is ignored)
     */
    boolean onEvent(SseEvent event, long readNanos);
  }

  /** One event grew beyond the configured limit: the stream is broken or hostile; the connection must be dropped. */
  public static final class EventTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EventTooLargeException(int limit) {
      // No stack trace: an expected protocol failure, reported by kind and message only.
      super("SSE event larger than " + limit + " bytes", null, false, false);
    }
  }

  /** 16 MiB: far above any LLM chunk, low enough that a server that never sends a blank line cannot exhaust memory. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** Stops at the end of a field name: a colon or a line end. Stateless, so one shared instance. */
  private static final ByteProcessor FIND_NAME_END = b -> b != ':' && b != CR && b != LF;

  // Parser states: where the next byte belongs.
  private static final int BOM_CHECK = 0;
  private static final int LINE_START = 1;
  private static final int FIELD_NAME = 2;
  private static final int VALUE_START = 3;
  private static final int VALUE = 4;
  private static final int SKIP_LINE = 5;

  // Fields we keep; everything else (retry, unknown names) is skipped.
  private static final int IGNORED = 0;
  private static final int DATA = 1;
  private static final int EVENT = 2;
  private static final int ID = 3;

  /** Longest field name we need to tell apart ("event"); longer names are unknown and ignored. */
  private static final int MAX_NAME = 5;

  private final Listener listener;
  private final int maxEventBytes;
  private final SseEvent event = new SseEvent();
  private final byte[] name = new byte[MAX_NAME];

  private int state = BOM_CHECK;
  private int bomSeen;
  private int nameLength;
  private boolean nameTooLong;
  private int field = IGNORED;
  /** A line ended with CR: an LF right after it (maybe in the next buffer) belongs to the same line end. */
  private boolean skipLf;
  /** The pending event has at least one data line (the spec dispatches only such events). */
  private boolean hasData;
  /** The value of an {@code event:} or {@code id:} line; rare, so it may allocate a String when complete. */
  private byte[] text = new byte[64];
  private int textLength;

  public SseDecoder(Listener listener) {
    this(listener, DEFAULT_MAX_EVENT_BYTES);
  }

  public SseDecoder(Listener listener, int maxEventBytes) {
    if (maxEventBytes <= 0) {
      throw new IllegalArgumentException("maxEventBytes must be positive, got " + maxEventBytes);
    }
    this.listener = listener;
    this.maxEventBytes = maxEventBytes;
  }

  /** Forgets everything: the next byte is the start of a new stream (a new response on a reused connection). */
  public void reset() {
    state = BOM_CHECK;
    bomSeen = 0;
    nameLength = 0;
    nameTooLong = false;
    field = IGNORED;
    skipLf = false;
    hasData = false;
    textLength = 0;
    event.reset();
    event.shrink(); // per response, not per event: a stream of large events does not reallocate each time
    if (text.length > SseEvent.MAX_RETAINED_BYTES) {
      text = new byte[64];
    }
  }

  /**
   * Decodes the readable bytes of {@code buf}, calling the listener for each complete event.
   *
   * @return {@code false} if the listener asked to stop; the decoder must then be {@link #reset} before reuse
   * @throws EventTooLargeException when one event exceeds the limit
   */
  public boolean decode(ByteBuf buf, long readNanos) {
    int i = buf.readerIndex();
    final int end = buf.writerIndex();
    while (i < end) {
      if (skipLf) {
        skipLf = false;
        if (buf.getByte(i) == LF) {
          i++;
          continue;
        }
      }
      switch (state) {
        case LINE_START: {
          byte b = buf.getByte(i);
          if (b == LF || b == CR) {
            i++;
            skipLf = b == CR;
            if (!blankLine(readNanos)) {
              return false;
            }
          } else if (b == ':') {
            i++;
            state = SKIP_LINE; // a comment, e.g. llama.cpp's ": ping"
          } else {
            startName();
          }
          break;
        }
        case FIELD_NAME: {
          int stop = buf.forEachByte(i, end - i, FIND_NAME_END);
          int nameEnd = stop < 0 ? end : stop;
          for (int j = i; j < nameEnd; j++) {
            appendName(buf.getByte(j));
          }
          i = nameEnd;
          if (stop >= 0) {
            byte b = buf.getByte(stop);
            i++;
            startField();
            if (b == ':') {
              state = VALUE_START;
            } else {
              // A line without colon is a field with an empty value ("data" alone adds an empty data line).
              skipLf = b == CR;
              endValue();
            }
          }
          break;
        }
        case VALUE_START: {
          if (buf.getByte(i) == ' ') {
            i++; // exactly one optional space after the colon
          }
          state = VALUE;
          break;
        }
        case VALUE: {
          int stop = buf.forEachByte(i, end - i, ByteProcessor.FIND_CRLF);
          int valueEnd = stop < 0 ? end : stop;
          appendValue(buf, i, valueEnd - i);
          i = valueEnd;
          if (stop >= 0) {
            skipLf = buf.getByte(stop) == CR;
            i++;
            endValue();
          }
          break;
        }
        case SKIP_LINE: {
          int stop = buf.forEachByte(i, end - i, ByteProcessor.FIND_CRLF);
          if (stop < 0) {
            i = end;
          } else {
            skipLf = buf.getByte(stop) == CR;
            i = stop + 1;
            state = LINE_START;
          }
          break;
        }
        default: { // BOM_CHECK, only before the first byte of the stream has been placed
          byte b = buf.getByte(i);
          if (b == BOM[bomSeen]) {
            i++;
            if (++bomSeen == BOM.length) {
              state = LINE_START;
            }
          } else if (bomSeen == 0) {
            state = LINE_START;
          } else {
            // A partial BOM is not a BOM: its bytes start a (bogus) field name, as if never held back.
            startName();
            for (int j = 0; j < bomSeen; j++) {
              appendName(BOM[j]);
            }
          }
          break;
        }
      }
    }
    return true;
  }

  /**
   * The body ended: completes a last line without line end and dispatches a pending event that lacked its final blank
   * line, then resets the decoder.
   *
   * @return {@code false} if the listener asked to stop
   */
  public boolean endOfStream(long readNanos) {
    if (state == FIELD_NAME) {
      startField();
      endValue();
    } else if (state == VALUE_START || state == VALUE) {
      endValue();
    }
    boolean goOn = !hasData || listener.onEvent(event, readNanos);
    reset();
    return goOn;
  }

  // ---- line handling ----

  private boolean blankLine(long readNanos) {
    boolean goOn = true;
    if (hasData) {
      goOn = listener.onEvent(event, readNanos);
    }
    hasData = false;
    event.reset();
    return goOn;
  }

  private void startName() {
    state = FIELD_NAME;
    nameLength = 0;
    nameTooLong = false;
  }

  private void appendName(byte b) {
    if (nameLength < MAX_NAME) {
      name[nameLength++] = b;
    } else {
      nameTooLong = true;
    }
  }

  /** The field name is complete: decide where its value goes. */
  private void startField() {
    field = nameTooLong ? IGNORED : fieldOf(name, nameLength);
    if (field == DATA) {
      if (hasData) {
        ensureDataRoom(1);
        event.reserve(1)[event.dataLength()] = LF; // data lines are joined with '\n'
        event.advance(1);
      }
      hasData = true;
    } else {
      textLength = 0;
    }
  }

  private static int fieldOf(byte[] n, int len) {
    if (len == 4 && n[0] == 'd' && n[1] == 'a' && n[2] == 't' && n[3] == 'a') {
      return DATA;
    }
    if (len == 5 && n[0] == 'e' && n[1] == 'v' && n[2] == 'e' && n[3] == 'n' && n[4] == 't') {
      return EVENT;
    }
    if (len == 2 && n[0] == 'i' && n[1] == 'd') {
      return ID;
    }
    return IGNORED;
  }

  private void appendValue(ByteBuf buf, int index, int length) {
    if (length == 0 || field == IGNORED) {
      return;
    }
    if (field == DATA) {
      ensureDataRoom(length);
      buf.getBytes(index, event.reserve(length), event.dataLength(), length);
      event.advance(length);
    } else {
      int needed = textLength + length;
      if (needed > maxEventBytes) {
        throw new EventTooLargeException(maxEventBytes);
      }
      if (needed > text.length) {
        text = java.util.Arrays.copyOf(text, Math.max(needed, text.length * 2));
      }
      buf.getBytes(index, text, textLength, length);
      textLength = needed;
    }
  }

  private void ensureDataRoom(int extra) {
    if (event.dataLength() + extra > maxEventBytes) {
      throw new EventTooLargeException(maxEventBytes);
    }
  }

  /** A field line ended: store event / id values, which were collected aside. */
  private void endValue() {
    if (field == EVENT) {
      event.eventType(new String(text, 0, textLength, StandardCharsets.UTF_8));
    } else if (field == ID && !containsNul(text, textLength)) { // the spec ignores ids containing NUL
      event.id(new String(text, 0, textLength, StandardCharsets.UTF_8));
    }
    field = IGNORED;
    state = LINE_START;
  }

  private static boolean containsNul(byte[] bytes, int length) {
    for (int k = 0; k < length; k++) {
      if (bytes[k] == 0) {
        return true;
      }
    }
    return false;
  }
}
