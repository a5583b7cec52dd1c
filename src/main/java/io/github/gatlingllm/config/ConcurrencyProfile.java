package io.github.gatlingllm.config;

import java.util.List;
import java.util.Locale;

/**
 * The text profiles of the concurrency matrix (workloads.md section 3): prompt length, output length and the
 * concurrency levels run one after another. {@code high}'s input is the server's context length minus its output
 * (2048), known only once the server is asked.
 */
public enum ConcurrencyProfile {
  HIGH(-1, 2048, List.of(1, 5, 10)),
  MEDIUM(200, 250, List.of(32, 64, 128)),
  LOW(100, 150, List.of(1, 4, 8, 16, 32)),
  /** Levels from {@code llm.concurrencyLevels}; lengths default to vLLM's random dataset (1024 in, 128 out). */
  CUSTOM(1024, 128, List.of());

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

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
