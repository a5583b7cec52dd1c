package io.github.gatlingllm.suite.settings;

import io.github.gatlingllm.dataset.ImageTokenEstimate;
import io.github.gatlingllm.dataset.NoiseImages;

/**
 * The images of the vision profiles (workloads.md section 3): generated noise of {@code width} x {@code height}
 * pixels, sent as base64 data URLs, {@code imagesPerRequest} of them after the prompt's text in one user message.
 *
 * @param width {@code llm.imageWidth} (default 512)
 * @param height {@code llm.imageHeight} (default 512)
 * @param format {@code llm.imageFormat}: {@code png} (default) or {@code jpeg}
 * @param imagesPerRequest {@code llm.imagesPerRequest} (default 1)
 * @param imageTokens {@code llm.imageTokens}: the prompt tokens one image is estimated to cost, added to each record's
 *     prompt token count (the count a request keeps when the server sends no usage); default Qwen2-VL's count for the
 *     size ({@link ImageTokenEstimate#qwen2Vl}), 0 leaves images uncounted
 */
public record VisionSettings(
    int width, int height, NoiseImages.Format format, int imagesPerRequest, int imageTokens) {
  public static final int DEFAULT_SIDE = 512;

  public VisionSettings {
    checkSide("llm.imageWidth", width);
    checkSide("llm.imageHeight", height);
    if (imagesPerRequest < 1) {
      throw new IllegalArgumentException(
          "Invalid value '" + imagesPerRequest + "' for llm.imagesPerRequest: expected an integer >= 1");
    }
    if (imageTokens < 0) {
      throw new IllegalArgumentException(
          "Invalid value '" + imageTokens + "' for llm.imageTokens: expected an integer >= 0 (tokens per image)");
    }
  }

  /** The settings with the image token estimate of the size ({@link ImageTokenEstimate#qwen2Vl}). */
  public VisionSettings(int width, int height, NoiseImages.Format format, int imagesPerRequest) {
    this(width, height, format, imagesPerRequest, estimate(width, height));
  }

  static VisionSettings from(LlmProperties p) {
    int width = p.integer("llm.imageWidth", DEFAULT_SIDE, 1);
    int height = p.integer("llm.imageHeight", DEFAULT_SIDE, 1);
    return new VisionSettings(
        width,
        height,
        NoiseImages.Format.parse(p.string("llm.imageFormat", "png"), "llm.imageFormat"),
        p.integer("llm.imagesPerRequest", 1, 1),
        p.integer("llm.imageTokens", estimate(width, height), 0));
  }

  /**
   * The default estimate; a side out of range gets 0 here so that the constructor's range check reports it by its
   * property name.
   */
  private static int estimate(int width, int height) {
    boolean inRange = width >= 1 && width <= NoiseImages.MAX_SIDE && height >= 1 && height <= NoiseImages.MAX_SIDE;
    return inRange ? ImageTokenEstimate.qwen2Vl(width, height) : 0;
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
        + " noise image" + (imagesPerRequest == 1 ? "" : "s") + " (" + imageTokens + " prompt tokens each)";
  }
}
