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
   * was set at all, the chunks are counted (one token per chunk), the last resort of docs/metrics.md.
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

  /**
   * The reasoning tokens of a successful request (0 for a failed one, or when unknown), never more than its output
   * tokens.
   */
  public static int reasoningTokens(RequestRecord r) {
    if (!r.success() || r.reasoningTokens() <= 0) {
      return 0;
    }
    return Math.min(r.reasoningTokens(), outputTokens(r));
  }

  /** Output tokens minus reasoning tokens: the visible answer (0 for a failed request). */
  public static int answerTokens(RequestRecord r) {
    return outputTokens(r) - reasoningTokens(r);
  }

  /** Where {@link #reasoningTokens(RequestRecord)} came from ({@link TokenSource#NONE} when unknown). */
  public static TokenSource reasoningTokenSource(RequestRecord r) {
    return r.reasoningTokens() >= 0 ? r.reasoningTokenSource() : TokenSource.NONE;
  }
}
