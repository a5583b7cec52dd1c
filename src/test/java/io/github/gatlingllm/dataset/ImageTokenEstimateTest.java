package io.github.gatlingllm.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Qwen2-VL's image token count: sides rounded to 28-pixel blocks (ties to even), the area kept in [3136, 12845056]
 * pixels, one token per block plus the two vision markers. Expected values worked out by hand from that rule.
 */
class ImageTokenEstimateTest {

  @Test
  void theVisionProfilesDefaultSize() {
    // 512 / 28 = 18.29 -> 18 blocks a side: 504 x 504, 324 pad tokens + 2 markers.
    assertArrayEquals(new int[] {504, 504}, ImageTokenEstimate.resize(512, 512));
    assertEquals(326, ImageTokenEstimate.qwen2Vl(512, 512));
  }

  @Test
  void sidesRoundToTheNearestBlockAndWidthAndHeightAreNotSwapped() {
    // 1280 x 720: 45.71 -> 46 blocks wide, 25.71 -> 26 high.
    assertArrayEquals(new int[] {728, 1288}, ImageTokenEstimate.resize(720, 1280));
    assertEquals(46 * 26 + 2, ImageTokenEstimate.qwen2Vl(1280, 720));
    assertEquals(37 * 27 + 2, ImageTokenEstimate.qwen2Vl(768, 1024), "1024 high: 36.57 -> 37; 768 wide: 27.43 -> 27");
  }

  @Test
  void tiesRoundToEvenAsPythonDoes() {
    // 42 / 28 = 1.5 -> 2 blocks, 70 / 28 = 2.5 -> 2 blocks (half-up would make it 3): 56 x 56, 4 + 2 tokens.
    assertArrayEquals(new int[] {56, 56}, ImageTokenEstimate.resize(42, 70));
    assertEquals(6, ImageTokenEstimate.qwen2Vl(70, 42));
  }

  @Test
  void smallImagesAreScaledUpToTheMinimumArea() {
    assertArrayEquals(new int[] {56, 56}, ImageTokenEstimate.resize(1, 1));
    assertEquals(6, ImageTokenEstimate.qwen2Vl(1, 1));
    assertEquals(6, ImageTokenEstimate.qwen2Vl(64, 64), "2 x 2 blocks = 3136 pixels, the minimum itself");
  }

  @Test
  void largeImagesAreScaledDownToTheMaximumArea() {
    // 8192^2 pixels is 5.22 x the maximum: scaled by 7/16 to 3584 x 3584, 128 x 128 blocks.
    assertArrayEquals(new int[] {3584, 3584}, ImageTokenEstimate.resize(8192, 8192));
    assertEquals(128 * 128 + 2, ImageTokenEstimate.qwen2Vl(8192, 8192));
  }

  @Test
  void sidesBelowOnePixelAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> ImageTokenEstimate.qwen2Vl(0, 10));
  }
}
