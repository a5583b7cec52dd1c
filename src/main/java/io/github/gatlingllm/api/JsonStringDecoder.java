package io.github.gatlingllm.api;

/**
 * Turns the bytes of a JSON string (between its quotes) into chars. Only ever given bytes {@link JsonEventScanner}
 * has already validated, so it checks nothing: validation runs on every string, decoding only when text is captured.
 */
final class JsonStringDecoder {
  private JsonStringDecoder() {}

  /**
   * Bytes in the UTF-8 sequence that {@code lead} starts, or 0 when {@code lead} cannot start one. Classified by the
   * lead byte's bit pattern only, as Jackson does: overlong forms and encoded surrogates pass, which keeps the two
   * readers agreeing on what they accept.
   */
  static int utf8SequenceLength(int lead) {
    if (lead < 0x80) {
      return 1;
    }
    if ((lead & 0xE0) == 0xC0) {
      return 2;
    }
    if ((lead & 0xF0) == 0xE0) {
      return 3;
    }
    if ((lead & 0xF8) == 0xF0) {
      return 4;
    }
    return 0;
  }

  static boolean isHexDigit(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }

  /** Appends the decoded text of {@code data[from..to)}, a validated string body without its quotes. */
  static void appendDecoded(byte[] data, int from, int to, StringBuilder sink) {
    int i = from;
    while (i < to) {
      int b = data[i] & 0xFF;
      if (b == '\\') {
        i = appendEscape(data, i, sink);
      } else if (b < 0x80) {
        sink.append((char) b);
        i++;
      } else {
        i = appendMultiByte(data, i, b, sink);
      }
    }
  }

  private static int appendEscape(byte[] data, int backslash, StringBuilder sink) {
    byte kind = data[backslash + 1];
    switch (kind) {
      case 'b' -> sink.append('\b');
      case 'f' -> sink.append('\f');
      case 'n' -> sink.append('\n');
      case 'r' -> sink.append('\r');
      case 't' -> sink.append('\t');
      case 'u' -> {
        // Each \\uXXXX is one UTF-16 unit: a surrogate pair arrives as two escapes and comes out as two chars.
        sink.append((char) hexValue(data, backslash + 2));
        return backslash + 6;
      }
      default -> sink.append((char) kind); // \" \\ \/
    }
    return backslash + 2;
  }

  static int hexValue(byte[] data, int from) {
    int value = 0;
    for (int i = from; i < from + 4; i++) {
      value = (value << 4) | Character.digit(data[i], 16);
    }
    return value;
  }

  private static int appendMultiByte(byte[] data, int i, int lead, StringBuilder sink) {
    int length = utf8SequenceLength(lead);
    int codePoint = lead & (0x7F >> length);
    for (int k = 1; k < length; k++) {
      codePoint = (codePoint << 6) | (data[i + k] & 0x3F);
    }
    if (length < 4) {
      sink.append((char) codePoint);
    } else {
      // Same arithmetic as Jackson even for leads F5-F7 (beyond U+10FFFF), so captured text agrees on any input.
      int offset = codePoint - 0x10000;
      sink.append((char) (0xD800 | (offset >> 10))).append((char) (0xDC00 | (offset & 0x3FF)));
    }
    return i + length;
  }
}
