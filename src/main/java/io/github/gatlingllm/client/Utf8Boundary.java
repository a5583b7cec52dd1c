package io.github.gatlingllm.client;

/**
 * Finds where the last complete UTF-8 code point of a byte run ends, so that a code point split between two socket
 * reads is held back until its last byte arrives instead of being decoded as two replacement characters.
 */
final class Utf8Boundary {
  /** Longest tail that can belong to an incomplete code point: a 4-byte lead plus two continuation bytes. */
  static final int MAX_INCOMPLETE = 3;

  private Utf8Boundary() {}

  /**
   * The length of the prefix of {@code data[0, length)} that ends on a code point boundary. Only a well-formed but
   * unfinished sequence at the very end is cut off; invalid bytes stay in (the decoder replaces them), so the tail
   * held back is never longer than {@link #MAX_INCOMPLETE}.
   */
  static int completeLength(byte[] data, int length) {
    int reach = Math.min(MAX_INCOMPLETE, length);
    for (int back = 1; back <= reach; back++) {
      int b = data[length - back] & 0xFF;
      if ((b & 0xC0) == 0x80) {
        continue; // a continuation byte: its lead is further back
      }
      return sequenceLength(b) > back ? length - back : length;
    }
    return length;
  }

  /** The byte count a lead byte announces; 1 for ASCII and for bytes that cannot start a sequence. */
  private static int sequenceLength(int lead) {
    if (lead >= 0xF0 && lead <= 0xF4) {
      return 4;
    }
    if (lead >= 0xE0 && lead < 0xF0) {
      return 3;
    }
    if (lead >= 0xC2 && lead < 0xE0) {
      return 2;
    }
    return 1;
  }
}
