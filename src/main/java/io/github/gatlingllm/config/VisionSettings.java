package io.github.gatlingllm.config;

import io.github.gatlingllm.dataset.NoiseImages;

/**
 * The images of the vision profiles (workloads.md section 3): generated noise of {@code width} x {@code height}
 * pixels, sent as base64 data URLs, {@code imagesPerRequest} of them after the prompt's text in one user message.
 *
 * @param width {@code llm.imageWidth} (default 512)
 * @param height {@code llm.imageHeight} (default 512)
 * @param format {@code llm.imageFormat}: {@code png} (default) or {@code jpeg}
 * @param imagesPerRequest {@code llm.imagesPerRequest} (default 1)
 */
public record VisionSettings(int width, int height, NoiseImages.Format format, int imagesPerRequest) {
  public static final int DEFAULT_SIDE = 512;

  public VisionSettings {
    checkSide("llm.imageWidth", width);
    checkSide("llm.imageHeight", height);
    if (imagesPerRequest < 1) {
      throw new IllegalArgumentException(
          "Invalid value '" + imagesPerRequest + "' for llm.imagesPerRequest: expected an integer >= 1");
    }
  }

  static VisionSettings from(LlmProperties p) {
    return new VisionSettings(
        p.integer("llm.imageWidth", DEFAULT_SIDE, 1),
        p.integer("llm.imageHeight", DEFAULT_SIDE, 1),
        NoiseImages.Format.parse(p.string("llm.imageFormat", "png"), "llm.imageFormat"),
        p.integer("llm.imagesPerRequest", 1, 1));
  }

  private static void checkSide(String name, int value) {
    if (value < 1 || value > NoiseImages.MAX_SIDE) {
      throw new IllegalArgumentException(
          "Invalid value '" + value + "' for " + name + ": expected an integer in [1, " + NoiseImages.MAX_SIDE
              + "] pixels");
    }
  }

  @Override
  public String toString() {
    return imagesPerRequest + " x " + width + "x" + height + " " + format.name().toLowerCase(java.util.Locale.ROOT)
        + " noise image" + (imagesPerRequest == 1 ? "" : "s");
  }
}
