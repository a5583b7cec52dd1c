package io.github.gatlingllm.mock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.gatlingllm.dataset.NoiseImages;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageSizeTest {

  @ParameterizedTest
  @CsvSource({"512, 512", "1, 1", "640, 480", "33, 1999", "3000, 17"})
  void pngAndJpegSizesAreReadFromTheirHeaders(int width, int height) {
    assertArrayEquals(new int[] {width, height},
        ImageSize.of(NoiseImages.dataUrl(width, height, NoiseImages.Format.PNG, 5)));
    assertArrayEquals(new int[] {width, height},
        ImageSize.of(NoiseImages.dataUrl(width, height, NoiseImages.Format.JPEG, 5)));
  }

  @Test
  void aJpegFrameAfterLongSegmentsAndFillBytesIsFound() {
    // SOI, a 3,000-byte APP1 segment, two fill bytes, then a progressive frame header (SOF2) of 77 x 45
    byte[] jpeg = new byte[2 + 4 + 2_998 + 2 + 11];
    int at = 0;
    jpeg[at++] = (byte) 0xFF;
    jpeg[at++] = (byte) 0xD8;
    jpeg[at++] = (byte) 0xFF;
    jpeg[at++] = (byte) 0xE1;
    jpeg[at++] = (byte) (3_000 >> 8);
    jpeg[at++] = (byte) (3_000 & 0xFF);
    at += 2_998 - 2;
    jpeg[at++] = (byte) 0xFF;
    jpeg[at++] = (byte) 0xFF;
    jpeg[at++] = (byte) 0xFF;
    jpeg[at++] = (byte) 0xC2;
    jpeg[at++] = 0;
    jpeg[at++] = 11;
    jpeg[at++] = 8;
    jpeg[at++] = 0;
    jpeg[at++] = 45;
    jpeg[at++] = 0;
    jpeg[at++] = 77;
    assertArrayEquals(new int[] {77, 45}, ImageSize.of(dataUrl("jpeg", jpeg)));
  }

  @Test
  void anotherFormatOrACutHeaderHasNoSize() {
    assertSame(ImageSize.UNKNOWN, ImageSize.of(dataUrl("gif", "GIF89a\u0001\u0000\u0001\u0000".getBytes())));
    assertSame(ImageSize.UNKNOWN, ImageSize.of("data:image/png;base64,iVBORw0KGgo="));
    assertSame(ImageSize.UNKNOWN, ImageSize.of(dataUrl("jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})));
    // a segment length below 2 would loop: refused
    assertSame(ImageSize.UNKNOWN,
        ImageSize.of(dataUrl("jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 1, 0, 0})));
  }

  private static String dataUrl(String type, byte[] bytes) {
    return "data:image/" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }
}
