package io.github.gatlingllm.api;

/**
 * What one streamed event said, filled in by {@link Dialect#interpret}. One instance is reused for every event of a
 * request, so reading an event allocates nothing unless text capture is on.
 */
public final class StreamChunk {
  private boolean done;
  private int choices;
  private boolean visibleContent;
  private boolean reasoningContent;
  private int reasoningTokens;
  private int promptTokens;
  private int completionTokens;
  private int cachedTokens;
  private boolean cachedTokensFromUsage;
  private String errorMessage;
  private StringBuilder textSink;
  private StringBuilder reasoningSink;

  /** Clears everything but the text sinks. */
  public void reset() {
    done = false;
    choices = 0;
    visibleContent = false;
    reasoningContent = false;
    reasoningTokens = -1;
    promptTokens = -1;
    completionTokens = -1;
    cachedTokens = -1;
    cachedTokensFromUsage = false;
    errorMessage = null;
  }

  /** The stream's end marker ({@code [DONE]}). */
  public boolean done() {
    return done;
  }

  /** Number of elements in the {@code choices} array (0 when absent or empty). */
  public int choices() {
    return choices;
  }

  /** Whether the event carried visible output (non-empty content or text; reasoning does not count). */
  public boolean visibleContent() {
    return visibleContent;
  }

  /**
   * Whether the event carried non-empty reasoning text ({@code delta.reasoning_content} or {@code delta.reasoning}).
   * An event can carry both reasoning and visible content.
   */
  public boolean reasoningContent() {
    return reasoningContent;
  }

  /** A chunk whose only text is reasoning: counted as a reasoning chunk, not an answer chunk. */
  public boolean reasoningOnly() {
    return reasoningContent && !visibleContent;
  }

  /** {@code usage.completion_tokens_details.reasoning_tokens}, or -1 when this event had none. */
  public int reasoningTokens() {
    return reasoningTokens;
  }

  /** {@code usage.prompt_tokens}, or -1 when this event had none. */
  public int promptTokens() {
    return promptTokens;
  }

  /** {@code usage.completion_tokens}, or -1 when this event had none. */
  public int completionTokens() {
    return completionTokens;
  }

  /**
   * Prompt tokens the server served from its prefix cache: {@code usage.prompt_tokens_details.cached_tokens}, else
   * llama.cpp's {@code timings.cache_n}; -1 when this event had neither (unknown, not 0).
   */
  public int cachedTokens() {
    return cachedTokens;
  }

  /** The message of an in-stream {@code error} object, or null. */
  public String errorMessage() {
    return errorMessage;
  }

  /** When set, dialects append the generated text of every event to it (for token counting or saving outputs). */
  public void captureTextInto(StringBuilder sink) {
    this.textSink = sink;
  }

  /**
   * When set, dialects append the reasoning text of every event to it, apart from the answer: a log reader wants to
   * see what the model thought and what it answered separately.
   */
  public void captureReasoningInto(StringBuilder sink) {
    this.reasoningSink = sink;
  }

  // ---- written by dialects ----

  public void markDone() {
    done = true;
  }

  public void choices(int count) {
    choices = count;
  }

  public void markVisibleContent() {
    visibleContent = true;
  }

  public void markReasoningContent() {
    reasoningContent = true;
  }

  public void reasoningTokens(int tokens) {
    reasoningTokens = tokens;
  }

  public void usage(int prompt, int completion) {
    promptTokens = prompt;
    completionTokens = completion;
  }

  /** {@code usage.prompt_tokens_details.cached_tokens}: wins over {@code timings.cache_n} in either order. */
  public void cachedTokensFromUsage(int tokens) {
    cachedTokens = tokens;
    cachedTokensFromUsage = true;
  }

  /**
   * llama.cpp's {@code timings.cache_n}, which versions before {@code prompt_tokens_details} already sent: kept only
   * when the event's usage did not say.
   */
  public void cachedTokensFromTimings(int tokens) {
    if (!cachedTokensFromUsage) {
      cachedTokens = tokens;
    }
  }

  public void errorMessage(String message) {
    errorMessage = message;
  }

  public StringBuilder textSink() {
    return textSink;
  }

  /** Where reasoning text goes, or null when it is not captured. */
  public StringBuilder reasoningSink() {
    return reasoningSink;
  }
}
