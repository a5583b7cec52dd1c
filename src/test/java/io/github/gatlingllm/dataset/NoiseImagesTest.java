package io.github.gatlingllm.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class NoiseImagesTest {

  private static BufferedImage decode(String dataUrl, String mediaType) throws Exception {
    String prefix = "data:" + mediaType + ";base64,";
    assertTrue(dataUrl.startsWith(prefix), dataUrl.substring(0, 40));
    BufferedImage image =
        ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(dataUrl.substring(prefix.length()))));
    assertNotNull(image, "ImageIO reads it back");
    return image;
  }

  @Test
  void pngIsDeterministicAndDecodesToTheRightSize() throws Exception {
    String url = NoiseImages.dataUrl(64, 32, NoiseImages.Format.PNG, 7);
    assertEquals(url, NoiseImages.dataUrl(64, 32, NoiseImages.Format.PNG, 7), "same seed, same bytes");
    assertNotEquals(url, NoiseImages.dataUrl(64, 32, NoiseImages.Format.PNG, 8), "another seed, another image");
    BufferedImage image = decode(url, "image/png");
    assertEquals(64, image.getWidth());
    assertEquals(32, image.getHeight());
    // lossless: the pixels are the seeded noise, and not one flat colour
    BufferedImage again = decode(NoiseImages.dataUrl(64, 32, NoiseImages.Format.PNG, 7), "image/png");
    assertArrayEquals(image.getRGB(0, 0, 64, 32, null, 0, 64), again.getRGB(0, 0, 64, 32, null, 0, 64));
    assertNotEquals(image.getRGB(0, 0), image.getRGB(1, 0));
  }

  @Test
  void jpegIsDeterministicAndDecodesToTheRightSize() throws Exception {
    String url = NoiseImages.dataUrl(48, 40, NoiseImages.Format.JPEG, 3);
    assertEquals(url, NoiseImages.dataUrl(48, 40, NoiseImages.Format.JPEG, 3));
    BufferedImage image = decode(url, "image/jpeg");
    assertEquals(48, image.getWidth());
    assertEquals(40, image.getHeight());
  }

  @Test
  void noiseIsStoredNotCompressedSoTheImageHasItsFullSize() {
    // Deflate only wastes time on noise: the writer stores it, so the bytes are at least the raw RGB pixels.
    byte[] png = NoiseImages.bytes(512, 512, NoiseImages.Format.PNG, 1);
    assertTrue(png.length > 512 * 512 * 3, "noise does not compress: " + png.length + " bytes");
  }

  @Test
  void poolHoldsAtMostSixteenDistinctImages() {
    List<String> three = NoiseImages.pool(3, 8, 8, NoiseImages.Format.PNG, 0);
    assertEquals(3, three.size());
    assertEquals(3, new HashSet<>(three).size());
    List<String> capped = NoiseImages.pool(100, 8, 8, NoiseImages.Format.PNG, 0);
    assertEquals(NoiseImages.MAX_POOL, capped.size());
    assertEquals(NoiseImages.MAX_POOL, new HashSet<>(capped).size());
    assertEquals(three, capped.subList(0, 3), "image i is seeded with seed + i");
  }

  @Test
  void badSizesAndFormatsAreNamed() {
    IllegalArgumentException width =
        assertThrows(IllegalArgumentException.class, () -> NoiseImages.bytes(0, 8, NoiseImages.Format.PNG, 0));
    assertTrue(width.getMessage().contains("width 0"), width.getMessage());
    IllegalArgumentException format =
        assertThrows(IllegalArgumentException.class, () -> NoiseImages.Format.parse("gif", "llm.imageFormat"));
    assertEquals("Invalid value 'gif' for llm.imageFormat: expected png or jpeg", format.getMessage());
    assertEquals(NoiseImages.Format.JPEG, NoiseImages.Format.parse(" JPG ", "x"));
    assertFalse(NoiseImages.pool(1, 1, 1, NoiseImages.Format.JPEG, 0).isEmpty());
  }
}
