package io.github.gatlingllm.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Qwen2-VL's image token count: sides rounded to 28-pixel blocks (ties to even), the area kept in [3136, 12845056]
 * pixels, one token per block plus the two vision markers. Expected sizes worked out by hand from that rule.
 */
class ImageTokenEstimateTest {

  /** A {@code width} x {@code height} image is resized to {@code resizedWidth} x {@code resizedHeight}. */
  private static void resizes(int width, int height, int resizedWidth, int resizedHeight) {
    String size = width + " x " + height;
    assertArrayEquals(new int[] {resizedHeight, resizedWidth}, ImageTokenEstimate.resize(height, width), size);
    assertEquals((resizedWidth / 28) * (resizedHeight / 28) + 2, ImageTokenEstimate.qwen2Vl(width, height), size);
  }

  @Test
  void theVisionProfilesDefaultSize() {
    // 512 / 28 = 18.29 -> 18 blocks a side: 504 x 504, 324 pad tokens + 2 markers.
    resizes(512, 512, 504, 504);
    assertEquals(326, ImageTokenEstimate.qwen2Vl(512, 512));
  }

  @Test
  void sidesRoundToTheNearestBlockAndWidthAndHeightAreNotSwapped() {
    resizes(1280, 720, 1288, 728); // 45.71 -> 46 blocks wide, 25.71 -> 26 high
    resizes(768, 1024, 756, 1036); // 27.43 -> 27 wide, 36.57 -> 37 high
    assertEquals(1198, ImageTokenEstimate.qwen2Vl(1280, 720));
  }

  @Test
  void tiesRoundToEvenAsPythonDoes() {
    // 42 / 28 = 1.5 -> 2 blocks, 70 / 28 = 2.5 -> 2 blocks (half-up would make it 3): 56 x 56, 4 + 2 tokens.
    resizes(70, 42, 56, 56);
  }

  @Test
  void smallImagesAreScaledUpToTheMinimumArea() {
    resizes(1, 1, 56, 56);
    resizes(64, 64, 56, 56); // 2 x 2 blocks = 3136 pixels, the minimum itself
    resizes(50, 20, 112, 56); // 2 x 1 blocks, under the minimum: scaled by 1.77, each side rounded up
  }

  @Test
  void largeImagesAreScaledDownToTheMaximumArea() {
    // 8192^2 pixels is 5.22 x the maximum: scaled by 7/16 to 3584 x 3584, 128 x 128 blocks.
    resizes(8192, 8192, 3584, 3584);
    assertEquals(128 * 128 + 2, ImageTokenEstimate.qwen2Vl(8192, 8192));
  }

  @Test
  void sidesBelowOnePixelAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> ImageTokenEstimate.qwen2Vl(0, 10));
  }
}
