package io.github.gatlingllm.metrics;

/** The token counts a request contributes to the summary, one rule for the totals and the per-request arrays. */
public final class TokenCounts {
  private TokenCounts() {}

  /** The prompt's tokens (server usage, else the dataset's count), or 0 when unknown. */
  public static int inputTokens(RequestRecord r) {
    return Math.max(0, r.promptTokens());
  }

  /**
   * The output tokens of a successful request, 0 for a failed one (vLLM's {@code actual_output_lens}). When no count
   * was set at all, the chunks are counted (one token per chunk), the last resort of metrics.md.
   */
  public static int outputTokens(RequestRecord r) {
    if (!r.success()) {
      return 0;
    }
    return r.outputTokens() >= 0 ? r.outputTokens() : r.chunkCount();
  }

  /** Where {@link #outputTokens(RequestRecord)} came from. */
  public static TokenSource outputTokenSource(RequestRecord r) {
    return r.outputTokens() >= 0 ? r.outputTokenSource() : TokenSource.CHUNKS;
  }
}
