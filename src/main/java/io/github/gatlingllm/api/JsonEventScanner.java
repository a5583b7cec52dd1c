package io.github.gatlingllm.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A validating pull cursor over one event's JSON bytes, for the event readers on Gatling's event loops.
 *
 * <p>It replaces a Jackson parser per event, whose set-up (I/O context, symbol table child, text buffer: 700-800 bytes
 * per event) came on top of the parse: here field names are compared as bytes, strings are validated without being
 * decoded, numbers are only parsed when read, and one scanner per thread is reused, so reading an event allocates
 * nothing unless text is captured (BENCHMARKS.md, section 2). What it accepts is what Jackson accepts with its default features and read constraints (RFC 8259 strict,
 * nesting up to 1,000, numbers up to 1,000 digits), so the readers built on it reject the same events as before.
 *
 * <p>Use: {@link #enterTopLevelObject}, then {@link #nextField} / {@link #nextElement} loops in which every value is
 * consumed (read or {@link #skipValue skipped}) before the next call, then {@link #expectEndOfInput}.
 */
final class JsonEventScanner {
  /** Jackson's default {@code StreamReadConstraints.maxNestingDepth}. */
  static final int MAX_DEPTH = 1000;

  /** Jackson's default {@code StreamReadConstraints.maxNumberLength}, counted in digits. */
  static final int MAX_NUMBER_DIGITS = 1000;

  enum Kind {
    OBJECT,
    ARRAY,
    STRING,
    NUMBER,
    TRUE,
    FALSE,
    NULL
  }

  private static final byte[] TRUE = ascii("true");
  private static final byte[] FALSE = ascii("false");
  private static final byte[] NULL = ascii("null");
  /** Bytes a string can hold as they are: printable ASCII other than the quote and the backslash. */
  private static final boolean[] PLAIN_STRING_BYTE = new boolean[256];

  static {
    for (int b = 0x20; b < 0x80; b++) {
      PLAIN_STRING_BYTE[b] = b != '"' && b != '\\';
    }
  }

  private static final ThreadLocal<JsonEventScanner> PER_THREAD = ThreadLocal.withInitial(JsonEventScanner::new);

  private byte[] data;
  private int end;
  private int pos;
  private int depth;
  /** Set once a value is consumed: the next field or element then needs a comma first. */
  private boolean afterValue;
  /** Bit d: whether the container at depth d is an array (else an object). */
  private final long[] arrayAtDepth = new long[MAX_DEPTH / 64 + 2];

  private int nameStart;
  private int nameEnd;
  private boolean nameEscaped;
  private boolean scratchHoldsName;
  private boolean lastStringEscaped;
  /** Decoded text of an escaped field name, or of a string read as a String: rare paths only. */
  private final StringBuilder scratch = new StringBuilder();

  /** The calling thread's scanner, set over {@code data[0..length)}. Readers do not nest, so one per thread is enough. */
  static JsonEventScanner over(byte[] data, int length) {
    JsonEventScanner scanner = PER_THREAD.get();
    scanner.reset(data, length);
    return scanner;
  }

  static byte[] ascii(String name) {
    return name.getBytes(StandardCharsets.US_ASCII);
  }

  void reset(byte[] data, int length) {
    this.data = data;
    this.end = length;
    this.depth = 0;
    this.afterValue = false;
    // Jackson skips a UTF-8 byte order mark.
    boolean bom = length >= 3 && data[0] == (byte) 0xEF && data[1] == (byte) 0xBB && data[2] == (byte) 0xBF;
    this.pos = bom ? 3 : 0;
  }

  // ---- the top level ----

  void enterTopLevelObject() throws MalformedEventException {
    skipWhitespace();
    if (pos < end && data[pos] == '{') {
      enterContainer(false);
      return;
    }
    throw pos == end || isValidRootToken() ? failure("event data is not a JSON object: ") : invalid();
  }

  void expectEndOfInput() throws MalformedEventException {
    skipWhitespace();
    if (pos < end) {
      throw isValidRootToken() ? failure("trailing content after the JSON object: ") : invalid();
    }
  }

  /**
   * Whether what starts at {@code pos} is a token Jackson would return as a root-level value (so the event is valid
   * JSON, just not one object). Like Jackson, strings and containers count from their first byte; numbers must be
   * whole and followed by whitespace or the end, and literals must not run on into an identifier.
   */
  private boolean isValidRootToken() {
    byte b = data[pos];
    switch (b) {
      case '{', '[', '"' -> {
        return true;
      }
      case 't' -> {
        return literalEndsCleanly(literalEnd(pos, TRUE));
      }
      case 'f' -> {
        return literalEndsCleanly(literalEnd(pos, FALSE));
      }
      case 'n' -> {
        return literalEndsCleanly(literalEnd(pos, NULL));
      }
      default -> {
        int after = numberEnd(pos);
        return after == end || (after > 0 && isWhitespace(data[after]));
      }
    }
  }

  private boolean literalEndsCleanly(int after) {
    if (after < 0 || after == end) {
      return after == end;
    }
    int next = data[after] & 0xFF;
    if (next < '0' || next == ']' || next == '}') {
      return true;
    }
    // Jackson decodes a non-ASCII follower and tests it as a Java identifier part; letters dominate, so say "part".
    return next < 0x80 && !Character.isJavaIdentifierPart((char) next);
  }

  // ---- containers ----

  /** For an OBJECT value: consumes its {@code '{'}. */
  void enterObject() throws MalformedEventException {
    skipWhitespace();
    expectByte('{');
    enterContainer(false);
  }

  /** For an ARRAY value: consumes its {@code '['}. */
  void enterArray() throws MalformedEventException {
    skipWhitespace();
    expectByte('[');
    enterContainer(true);
  }

  private void enterContainer(boolean array) throws MalformedEventException {
    if (depth == MAX_DEPTH) {
      throw invalid();
    }
    depth++;
    long bit = 1L << (depth & 63);
    arrayAtDepth[depth >> 6] = array ? arrayAtDepth[depth >> 6] | bit : arrayAtDepth[depth >> 6] & ~bit;
    pos++;
    afterValue = false;
  }

  private boolean inArray() {
    return (arrayAtDepth[depth >> 6] & (1L << (depth & 63))) != 0;
  }

  /**
   * Moves to the next field of the current object and past its colon, or consumes the closing brace and returns
   * false. The field's value must be consumed before the next call.
   */
  boolean nextField() throws MalformedEventException {
    if (!atNextMember('}')) {
      return false;
    }
    if (data[pos] != '"') {
      throw invalid();
    }
    int after = stringEnd(pos);
    if (after < 0 || (lastStringEscaped && hasBrokenSurrogateEscape(pos + 1, after - 1))) {
      throw invalid();
    }
    nameStart = pos + 1;
    nameEnd = after - 1;
    nameEscaped = lastStringEscaped;
    scratchHoldsName = false;
    pos = after;
    skipWhitespace();
    expectByte(':');
    pos++;
    afterValue = false;
    return true;
  }

  /** Moves to the next element of the current array, or consumes the closing bracket and returns false. */
  boolean nextElement() throws MalformedEventException {
    return atNextMember(']');
  }

  /** Consumes the separating comma or the closer; true when a member follows (at {@code pos}). */
  private boolean atNextMember(char closer) throws MalformedEventException {
    skipWhitespace();
    if (pos == end) {
      throw invalid();
    }
    if (data[pos] == closer) {
      pos++;
      depth--;
      afterValue = true;
      return false;
    }
    if (afterValue) {
      expectByte(',');
      pos++;
      skipWhitespace();
      // A closer right after the comma is a trailing comma: rejected, as Jackson does by default.
      if (pos == end || data[pos] == closer) {
        throw invalid();
      }
    }
    return true;
  }

  /** Whether the current field's name is {@code name} (ASCII), compared on the raw bytes unless the name has escapes. */
  boolean fieldIs(byte[] name) {
    if (!nameEscaped) {
      return nameEnd - nameStart == name.length && Arrays.equals(data, nameStart, nameEnd, name, 0, name.length);
    }
    if (!scratchHoldsName) {
      scratch.setLength(0);
      JsonStringDecoder.appendDecoded(data, nameStart, nameEnd, scratch);
      scratchHoldsName = true;
    }
    if (scratch.length() != name.length) {
      return false;
    }
    for (int i = 0; i < name.length; i++) {
      if (scratch.charAt(i) != name[i]) {
        return false;
      }
    }
    return true;
  }

  // ---- values ----

  /** The kind of the value at the cursor, judged from its first byte; the value stays to be consumed. */
  Kind peekValue() throws MalformedEventException {
    skipWhitespace();
    if (pos == end) {
      throw invalid();
    }
    byte b = data[pos];
    return switch (b) {
      case '{' -> Kind.OBJECT;
      case '[' -> Kind.ARRAY;
      case '"' -> Kind.STRING;
      case 't' -> Kind.TRUE;
      case 'f' -> Kind.FALSE;
      case 'n' -> Kind.NULL;
      default -> {
        if (b == '-' || (b >= '0' && b <= '9')) {
          yield Kind.NUMBER;
        }
        throw invalid();
      }
    };
  }

  /** Skips the value at the cursor, containers included (iteratively: depth is bounded, not the stack). */
  void skipValue() throws MalformedEventException {
    int base = depth;
    skipScalarOrEnter();
    while (depth > base) {
      if (inArray() ? nextElement() : nextField()) {
        skipScalarOrEnter();
      }
    }
  }

  private void skipScalarOrEnter() throws MalformedEventException {
    switch (peekValue()) {
      case OBJECT -> enterContainer(false);
      case ARRAY -> enterContainer(true);
      case STRING -> consumeTo(stringEnd(pos));
      case NUMBER -> consumeTo(numberEnd(pos));
      case TRUE -> consumeTo(literalEnd(pos, TRUE));
      case FALSE -> consumeTo(literalEnd(pos, FALSE));
      case NULL -> consumeTo(literalEnd(pos, NULL));
    }
  }

  private void consumeTo(int after) throws MalformedEventException {
    if (after < 0) {
      throw invalid();
    }
    pos = after;
    afterValue = true;
  }

  /** For a STRING value: whether it is {@code ""}, without reading it. An escape always makes at least one char. */
  boolean nextStringIsEmpty() {
    return pos + 1 < end && data[pos + 1] == '"';
  }

  /**
   * For a STRING value: consumes it, appending its decoded text to {@code sink} unless that is null; true when it is
   * non-empty. Validation comes before the caller marks anything, so a malformed string leaves a chunk as Jackson did.
   */
  boolean readText(StringBuilder sink) throws MalformedEventException {
    boolean nonEmpty = !nextStringIsEmpty();
    if (sink != null && nonEmpty) {
      appendString(sink);
    } else {
      skipValue();
    }
    return nonEmpty;
  }

  /** For a STRING value: consumes it, appending its decoded text to {@code sink}. */
  void appendString(StringBuilder sink) throws MalformedEventException {
    int start = pos;
    consumeTo(stringEnd(start));
    JsonStringDecoder.appendDecoded(data, start + 1, pos - 1, sink);
  }

  /** For a STRING value: consumes it as a String (allocates: for error messages). */
  String readString() throws MalformedEventException {
    scratch.setLength(0);
    scratchHoldsName = false;
    appendString(scratch);
    return scratch.toString();
  }

  /**
   * Whether the value at the cursor is an integer NUMBER (no fraction, no exponent): counts are only taken from those,
   * a float such as 12.0 being skipped, as with Jackson's VALUE_NUMBER_INT.
   */
  boolean nextValueIsInteger() throws MalformedEventException {
    return peekValue() == Kind.NUMBER && nextNumberIsInteger();
  }

  /** For a NUMBER value: whether it is an integer in JSON's sense (no fraction, no exponent). Does not consume it. */
  private boolean nextNumberIsInteger() {
    int i = pos;
    if (data[i] == '-') {
      i++;
    }
    while (i < end && isDigit(data[i])) {
      i++;
    }
    return i == end || (data[i] != '.' && data[i] != 'e' && data[i] != 'E');
  }

  /**
   * The most tokens one request may count: above any context length (the longest are 10 M tokens), far below what
   * would overflow a run's sums. A usage value beyond it, or a negative one, is a server bug, not a measurement.
   */
  static final int MAX_TOKEN_COUNT = 100_000_000;

  /**
   * For a usage token count: {@link #readInt()}, and a negative or absurd count is malformed, so that the request is
   * flagged (a {@code malformed event} failure naming the value) and the value never reaches the run's totals.
   */
  int readTokenCount() throws MalformedEventException {
    int value = readInt();
    if (value < 0 || value > MAX_TOKEN_COUNT) {
      throw failure("usage token count " + value + " is not in 0.." + MAX_TOKEN_COUNT + ": ");
    }
    return value;
  }

  /** For an integer NUMBER value: consumes it; one outside the int range is malformed, as Jackson's getIntValue says. */
  int readInt() throws MalformedEventException {
    int start = pos;
    consumeTo(numberEnd(start));
    boolean negative = data[start] == '-';
    int digitsStart = negative ? start + 1 : start;
    // Leading zeros are rejected, so eleven digits or more are always beyond the int range.
    if (pos - digitsStart > 10) {
      throw invalid();
    }
    long value = 0;
    for (int i = digitsStart; i < pos; i++) {
      value = value * 10 + (data[i] - '0');
    }
    value = negative ? -value : value;
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw invalid();
    }
    return (int) value;
  }

  // ---- lexing: each returns the index after the token, or -1 when it is malformed ----

  private int stringEnd(int quote) {
    byte[] bytes = data;
    int limit = end;
    boolean escaped = false;
    int i = quote + 1;
    while (true) {
      // Most string bytes are plain and go through this tight loop; strings are most of an event's bytes.
      while (i < limit && PLAIN_STRING_BYTE[bytes[i] & 0xFF]) {
        i++;
      }
      if (i >= limit) {
        return -1;
      }
      int b = bytes[i] & 0xFF;
      if (b == '"') {
        lastStringEscaped = escaped;
        return i + 1;
      }
      if (b == '\\') {
        escaped = true;
        i = escapeEnd(i);
      } else if (b < 0x20) {
        return -1; // control characters must be escaped
      } else {
        i = utf8SequenceEnd(i, b);
      }
      if (i < 0) {
        return -1;
      }
    }
  }

  private int escapeEnd(int backslash) {
    if (backslash + 1 >= end) {
      return -1;
    }
    switch (data[backslash + 1]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
        return backslash + 2;
      }
      case 'u' -> {
        if (backslash + 5 >= end) {
          return -1;
        }
        for (int i = backslash + 2; i < backslash + 6; i++) {
          if (!JsonStringDecoder.isHexDigit(data[i])) {
            return -1;
          }
        }
        return backslash + 6;
      }
      default -> {
        return -1;
      }
    }
  }

  /**
   * Jackson rejects a field name whose {@code \\u} escapes hold a lone surrogate (a high one not followed at once by a
   * low one, or a low one on its own), though it lets string values hold them: checked for names only, to agree.
   */
  private boolean hasBrokenSurrogateEscape(int from, int to) {
    int i = from;
    while (i < to) {
      if (data[i] != '\\') {
        i++;
      } else if (data[i + 1] != 'u') {
        i += 2;
      } else {
        int unit = JsonStringDecoder.hexValue(data, i + 2);
        if (Character.isLowSurrogate((char) unit)) {
          return true;
        }
        if (Character.isHighSurrogate((char) unit)) {
          boolean lowFollows = i + 6 < to && data[i + 6] == '\\' && data[i + 7] == 'u';
          if (!lowFollows || !Character.isLowSurrogate((char) JsonStringDecoder.hexValue(data, i + 8))) {
            return true;
          }
          i += 6;
        }
        i += 6;
      }
    }
    return false;
  }

  private int utf8SequenceEnd(int i, int lead) {
    int length = JsonStringDecoder.utf8SequenceLength(lead);
    if (length == 0 || i + length > end) {
      return -1;
    }
    for (int k = 1; k < length; k++) {
      if ((data[i + k] & 0xC0) != 0x80) {
        return -1;
      }
    }
    return i + length;
  }

  private int numberEnd(int from) {
    int i = from;
    if (i < end && data[i] == '-') {
      i++;
    }
    int intStart = i;
    if (i < end && data[i] == '0') {
      i++;
      if (i < end && isDigit(data[i])) {
        return -1; // leading zero
      }
    } else {
      i = digitsEnd(i);
    }
    int digits = i - intStart;
    if (digits == 0 || digits > MAX_NUMBER_DIGITS) {
      return -1;
    }
    if (i < end && data[i] == '.') {
      int fractionStart = i + 1;
      i = digitsEnd(fractionStart);
      if (i == fractionStart) {
        return -1;
      }
      digits += i - fractionStart;
    }
    if (i < end && (data[i] == 'e' || data[i] == 'E')) {
      i++;
      if (i < end && (data[i] == '+' || data[i] == '-')) {
        i++;
      }
      int exponentStart = i;
      i = digitsEnd(exponentStart);
      if (i == exponentStart) {
        return -1;
      }
      digits += i - exponentStart;
    }
    return digits > MAX_NUMBER_DIGITS ? -1 : i;
  }

  private int digitsEnd(int from) {
    int i = from;
    while (i < end && isDigit(data[i])) {
      i++;
    }
    return i;
  }

  private int literalEnd(int from, byte[] literal) {
    int after = from + literal.length;
    return after <= end && Arrays.equals(data, from, after, literal, 0, literal.length) ? after : -1;
  }

  private void skipWhitespace() {
    while (pos < end && isWhitespace(data[pos])) {
      pos++;
    }
  }

  private void expectByte(char expected) throws MalformedEventException {
    if (pos == end || data[pos] != expected) {
      throw invalid();
    }
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  // ---- errors: the only place that allocates on the plain path's behalf ----

  private MalformedEventException invalid() {
    return failure("event data is not valid JSON: ");
  }

  private MalformedEventException failure(String what) {
    return new MalformedEventException(what + EventText.preview(data, end));
  }
}
