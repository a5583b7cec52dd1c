package io.github.gatlingllm.mock;

import java.util.Base64;

/**
 * Width and height of a PNG or JPEG image in a {@code data:} URL, read from its header without decoding the image:
 * the mock charges image prompt tokens by size, as a vision server does. Only the base64 prefix that holds the header
 * is decoded (a PNG's first 24 bytes; a JPEG's segments up to its frame header), so a megabyte-sized image costs a few
 * hundred bytes of work on the mock's event loop.
 */
final class ImageSize {
  /** {width, height} of an image whose size cannot be read: its tokens are then not counted. */
  static final int[] UNKNOWN = {0, 0};

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private ImageSize() {}

  /**
   * @param dataUrl a URL already checked by {@link ImageParts#dataUrlProblem}
   * @return {width, height}, or {@link #UNKNOWN} for another format or a header cut short
   */
  static int[] of(String dataUrl) {
    Payload payload = new Payload(dataUrl, dataUrl.indexOf(',') + 1);
    if (payload.startsWith(PNG_SIGNATURE)) {
      return png(payload);
    }
    if (payload.byteAt(0) == 0xFF && payload.byteAt(1) == 0xD8) {
      return jpeg(payload);
    }
    return UNKNOWN;
  }

  /** IHDR is always the first chunk: width and height are big-endian at bytes 16 and 20. */
  private static int[] png(Payload p) {
    int width = p.int32(16);
    int height = p.int32(20);
    return width > 0 && height > 0 ? new int[] {width, height} : UNKNOWN;
  }

  /** Walks the marker segments to the first start-of-frame, which holds height then width. */
  private static int[] jpeg(Payload p) {
    int at = 2;
    while (p.byteAt(at) == 0xFF) {
      int marker = p.byteAt(at + 1);
      if (marker == 0xFF) {
        at++; // fill byte
        continue;
      }
      if (isStartOfFrame(marker)) {
        int height = p.int16(at + 5);
        int width = p.int16(at + 7);
        return width > 0 && height > 0 ? new int[] {width, height} : UNKNOWN;
      }
      int length = p.int16(at + 2);
      if (length < 2) {
        return UNKNOWN;
      }
      at += 2 + length;
    }
    return UNKNOWN;
  }

  /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  /** The decoded payload, decoded on demand in whole base64 quanta; reads past the end give -1. */
  private static final class Payload {
    private final String url;
    private final int start;
    private byte[] decoded = new byte[0];
    private boolean whole;

    Payload(String url, int start) {
      this.url = url;
      this.start = start;
    }

    int byteAt(int index) {
      if (index >= decoded.length && !whole) {
        decodeTo(index + 1);
      }
      return index < decoded.length ? decoded[index] & 0xFF : -1;
    }

    boolean startsWith(byte[] prefix) {
      for (int i = 0; i < prefix.length; i++) {
        if (byteAt(i) != (prefix[i] & 0xFF)) {
          return false;
        }
      }
      return true;
    }

    int int16(int index) {
      int hi = byteAt(index);
      int lo = byteAt(index + 1);
      return hi < 0 || lo < 0 ? -1 : hi << 8 | lo;
    }

    int int32(int index) {
      int hi = int16(index);
      int lo = int16(index + 2);
      return hi < 0 || lo < 0 ? -1 : hi << 16 | lo;
    }

    /** Decodes at least {@code bytes} bytes (or the whole payload), doubling so a long walk stays linear. */
    private void decodeTo(int bytes) {
      int wanted = Math.max(bytes, Math.max(64, decoded.length * 2));
      int chars = Math.min(url.length() - start, (wanted + 2) / 3 * 4);
      whole = chars == url.length() - start;
      decoded = Base64.getDecoder().decode(url.substring(start, start + chars));
    }
  }
}
