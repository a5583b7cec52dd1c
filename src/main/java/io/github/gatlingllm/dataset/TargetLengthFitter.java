package io.github.gatlingllm.dataset;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Turns token ids into a text that re-encodes to a target number of body tokens (special tokens aside), as vLLM's
 * {@code gen_prompt_decode_to_target_len}: decode, re-encode, then cut the ids to the target or pad them with random
 * ids from the pool, and try again, at most {@code maxRetries} corrections; N ids do not always decode to a text of N
 * tokens (neighbouring pieces merge or split). When no attempt is exact, the closest one is kept (the latest of
 * equally close ones; vLLM keeps the last).
 */
final class TargetLengthFitter {
  private final TextTokenizer tokenizer;
  private final int[] pool;
  private final SplittableRandom random;
  private final int maxRetries;

  /**
   * @param text the prompt
   * @param bodyTokens its body token count (without the special tokens the server adds)
   * @param mismatch {@code bodyTokens} minus the target; 0 when exact
   * @param corrections how many times the ids were cut or padded
   */
  record Fit(String text, int bodyTokens, int mismatch, int corrections) {}

  TargetLengthFitter(TextTokenizer tokenizer, int[] pool, SplittableRandom random, int maxRetries) {
    this.tokenizer = tokenizer;
    this.pool = pool;
    this.random = random;
    this.maxRetries = maxRetries;
  }

  Fit fit(int[] ids, int target) {
    int[] current = ids;
    Fit best = null;
    for (int correction = 0; ; correction++) {
      String text = tokenizer.decode(current, false);
      current = tokenizer.encodeBody(text);
      Fit attempt = new Fit(text, current.length, current.length - target, correction);
      if (best == null || Math.abs(attempt.mismatch()) <= Math.abs(best.mismatch())) {
        best = attempt;
      }
      if (attempt.mismatch() == 0 || correction == maxRetries) {
        return best;
      }
      current = current.length > target ? Arrays.copyOf(current, target) : pad(current, target);
    }
  }

  private int[] pad(int[] ids, int target) {
    int[] padded = Arrays.copyOf(ids, target);
    for (int j = ids.length; j < target; j++) {
      padded[j] = pool[random.nextInt(pool.length)];
    }
    return padded;
  }
}
