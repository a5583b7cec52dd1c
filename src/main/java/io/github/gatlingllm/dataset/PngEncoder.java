package io.github.gatlingllm.dataset;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal PNG writer for 8-bit RGB pixels: no row filters and stored (uncompressed) deflate blocks. ImageIO's writer tries
 * every filter on every row, which costs about 100 ms for a 512 x 512 image of noise that no filter helps; this takes
 * a few. Noise does not compress, so nothing is lost. Output follows the PNG specification (signature, IHDR, one IDAT, IEND), so any decoder reads it.
 */
final class PngEncoder {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private PngEncoder() {}

  /** {@code rgb[y * width + x]} = 0xRRGGBB. */
  static byte[] encode(int[] rgb, int width, int height) {
    byte[] raw = new byte[height * (1 + width * 3)];
    int at = 0;
    for (int y = 0; y < height; y++) {
      raw[at++] = 0; // filter: none
      for (int x = 0; x < width; x++) {
        int pixel = rgb[y * width + x];
        raw[at++] = (byte) (pixel >>> 16);
        raw[at++] = (byte) (pixel >>> 8);
        raw[at++] = (byte) pixel;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + raw.length / 64 + 128);
    out.writeBytes(SIGNATURE);
    ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height);
    header.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0); // 8-bit RGB, no interlace
    chunk(out, "IHDR", header.array());
    chunk(out, "IDAT", deflate(raw));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static byte[] deflate(byte[] raw) {
    Deflater deflater = new Deflater(Deflater.NO_COMPRESSION);
    try {
      deflater.setInput(raw);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + raw.length / 64 + 64);
      byte[] buffer = new byte[64 * 1024];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
