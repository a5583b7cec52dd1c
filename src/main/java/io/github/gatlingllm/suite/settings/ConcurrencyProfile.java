package io.github.gatlingllm.suite.settings;

import java.util.List;
import java.util.Locale;

/**
 * The profiles of the concurrency matrix (workloads.md section 3): prompt length, output length and the
 * concurrency levels run one after another. {@code high}'s input is the server's context length minus its output
 * (2048), known only once the server is asked.
 */
public enum ConcurrencyProfile {
  HIGH(-1, 2048, List.of(1, 5, 10)),
  MEDIUM(200, 250, List.of(32, 64, 128)),
  LOW(100, 150, List.of(1, 4, 8, 16, 32)),
  /** Levels from {@code llm.concurrencyLevels}; lengths default to vLLM's random dataset (1024 in, 128 out). */
  CUSTOM(1024, 128, List.of()),
  /** Vision: a short question about generated images, a long description ({@link VisionSettings}). */
  VISION_1(50, 300, List.of(8, 16, 32, 64, 128)),
  /** Vision: as long a question as answer. */
  VISION_2(100, 100, List.of(1, 8, 16, 32));

  private final int inputLen;
  private final int outputLen;
  private final List<Integer> levels;

  ConcurrencyProfile(int inputLen, int outputLen, List<Integer> levels) {
    this.inputLen = inputLen;
    this.outputLen = outputLen;
    this.levels = levels;
  }

  /** The prompt length, or -1 for {@code high} (context length minus 2048). */
  public int inputLen() {
    return inputLen;
  }

  public int outputLen() {
    return outputLen;
  }

  /** The levels in run order (empty for {@code custom}). */
  public List<Integer> levels() {
    return levels;
  }

  /** The name {@code llm.profile} takes: {@code high}, ..., {@code vision-1}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether requests are chat messages with generated images ({@code vision-1}, {@code vision-2}). */
  public boolean vision() {
    return this == VISION_1 || this == VISION_2;
  }

  /** The profile {@code id} names. */
  public static ConcurrencyProfile byId(String id) {
    for (ConcurrencyProfile profile : values()) {
      if (profile.id().equals(id)) {
        return profile;
      }
    }
    throw new IllegalArgumentException("Unknown concurrency profile '" + id + "'");
  }

  /** The ids in declaration order. */
  public static List<String> ids() {
    return java.util.Arrays.stream(values()).map(ConcurrencyProfile::id).toList();
  }
}
