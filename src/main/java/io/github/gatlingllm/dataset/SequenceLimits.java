package io.github.gatlingllm.dataset;

/**
 * vLLM's {@code is_valid_sequence}: which (prompt, output) token lengths a ShareGPT conversation may have to be used.
 * A sequence is dropped when the prompt is shorter than {@code minLen}, the output is shorter than {@code minLen}
 * (not checked when the output length is fixed), the prompt is longer than {@code maxPromptLen}, or prompt plus
 * output exceed {@code maxTotalLen}. LLM-on-Ray's ShareGPT sampling uses the same defaults.
 *
 * @param minLen shortest prompt and (unless fixed) output, in tokens (vLLM: 4)
 * @param maxPromptLen longest prompt (vLLM: 1024)
 * @param maxTotalLen longest prompt + output (vLLM: 2048)
 */
public record SequenceLimits(int minLen, int maxPromptLen, int maxTotalLen) {

  /** vLLM's defaults: 4, 1024, 2048. */
  public static final SequenceLimits VLLM = new SequenceLimits(4, 1024, 2048);

  /** Why a sequence is dropped, in the order the reasons are checked; {@link #KEPT} when it is not. */
  public enum Verdict {
    KEPT,
    PROMPT_TOO_SHORT,
    OUTPUT_TOO_SHORT,
    PROMPT_TOO_LONG,
    TOTAL_TOO_LONG
  }

  /**
   * The first rule the lengths break, or {@link Verdict#KEPT}; {@code outputFixed} skips the minimum output check
   * (vLLM's {@code skip_min_output_len_check}, set when {@code --sharegpt-output-len} is given).
   */
  public Verdict check(int promptLen, int outputLen, boolean outputFixed) {
    if (promptLen < minLen) {
      return Verdict.PROMPT_TOO_SHORT;
    }
    if (!outputFixed && outputLen < minLen) {
      return Verdict.OUTPUT_TOO_SHORT;
    }
    if (promptLen > maxPromptLen) {
      return Verdict.PROMPT_TOO_LONG;
    }
    if (promptLen + outputLen > maxTotalLen) {
      return Verdict.TOTAL_TOO_LONG;
    }
    return Verdict.KEPT;
  }
}
