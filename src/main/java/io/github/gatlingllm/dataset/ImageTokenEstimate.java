package io.github.gatlingllm.dataset;

/**
 * How many prompt tokens one image costs, estimated on the client for the prompt token count used when a server sends
 * no usage. The rule is Qwen2-VL's (also Qwen2.5-VL's) image processor with the models' published preprocessor
 * settings: the image is resized so that both sides are multiples of 28 pixels (14-pixel ViT patches merged 2 x 2 into
 * one token) and its area lies within [{@value #MIN_PIXELS}, {@value #MAX_PIXELS}] pixels, keeping the aspect ratio;
 * each 28 x 28 block is one {@code <|image_pad|>} token, and the chat template adds {@code <|vision_start|>} and
 * {@code <|vision_end|>} around it. So a 512 x 512 image is resized to 504 x 504: 18 x 18 + 2 = 326 tokens.
 *
 * <p>Other model families count differently (e.g. LLaVA-1.5 always 576); {@code llm.imageTokens} overrides the
 * estimate. The arithmetic follows the reference in double precision step by step, and rounds like Python's
 * {@code round} (half to even), so the sizes agree exactly.
 */
public final class ImageTokenEstimate {
  /** ViT patch side (14) times the 2 x 2 merge: the pixels of one token's side. */
  static final int FACTOR = 28;
  /** Qwen2-VL's {@code min_pixels} (56 x 56). */
  static final int MIN_PIXELS = 56 * 56;
  /** Qwen2-VL's {@code max_pixels} in its preprocessor_config.json (16384 tokens of 28 x 28). */
  static final int MAX_PIXELS = 16384 * FACTOR * FACTOR;
  /** {@code <|vision_start|>} and {@code <|vision_end|>} around each image's pad tokens. */
  static final int MARKER_TOKENS = 2;

  private ImageTokenEstimate() {}

  /** The prompt tokens of one {@code width} x {@code height} image under Qwen2-VL's rule. */
  public static int qwen2Vl(int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image sides must be >= 1 pixel, got " + width + " x " + height);
    }
    int[] resized = resize(height, width);
    return (resized[0] / FACTOR) * (resized[1] / FACTOR) + MARKER_TOKENS;
  }

  /**
   * The processor's resized {height, width}. Sides below one block are first taken as one block (newer versions of
   * the processor do so; older ones reject images under 10 pixels), so every size has an estimate.
   */
  static int[] resize(int height, int width) {
    long h = Math.max(FACTOR, roundToFactor(height));
    long w = Math.max(FACTOR, roundToFactor(width));
    if (h * w > MAX_PIXELS) {
      double beta = Math.sqrt((double) height * width / MAX_PIXELS);
      h = (long) Math.floor(height / beta / FACTOR) * FACTOR;
      w = (long) Math.floor(width / beta / FACTOR) * FACTOR;
    } else if (h * w < MIN_PIXELS) {
      double beta = Math.sqrt((double) MIN_PIXELS / ((double) height * width));
      h = (long) Math.ceil(height * beta / FACTOR) * FACTOR;
      w = (long) Math.ceil(width * beta / FACTOR) * FACTOR;
    }
    return new int[] {(int) h, (int) w};
  }

  /** The multiple of {@link #FACTOR} nearest to {@code side}, ties to the even multiple (Python's round). */
  private static long roundToFactor(int side) {
    return (long) Math.rint((double) side / FACTOR) * FACTOR;
  }
}
