package io.github.gatlingllm.protocol;

import io.github.gatlingllm.api.Dialect;
import io.github.gatlingllm.api.MalformedEventException;
import io.github.gatlingllm.api.StreamChunk;
import io.github.gatlingllm.client.ClientFailure;
import io.github.gatlingllm.client.SseEvent;
import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;

/**
 * Turns one stream's client callbacks into its {@link RequestRecord}, through the dialect: which events are chunks
 * (non-empty {@code choices}), the first visible content, usage wherever it appears, in-stream errors, malformed
 * events, and the end-of-stream rules of docs/metrics.md. One per request, on its event loop; allocates nothing per
 * chunk. The measured action and the client warm-up share it, so the warm-up runs exactly the measured code.
 */
public final class StreamRecording {
  private final Dialect dialect;
  private final RequestRecord record;
  private final StreamChunk chunk = new StreamChunk();
  private int usagePromptTokens = -1;
  private int usageCompletionTokens = -1;
  private int usageReasoningTokens = -1;
  private int usageCachedTokens = RequestRecord.UNKNOWN_TOKENS;
  private boolean sawDone;
  private StringBuilder text;
  private StringBuilder reasoningText;
  private boolean keepTextInRecord;
  private String capturedText;

  public StreamRecording(Dialect dialect, RequestRecord record) {
    this.dialect = dialect;
    this.record = record;
  }

  public RequestRecord record() {
    return record;
  }

  /**
   * Keeps the generated text, answer and reasoning apart, in the record ({@code llm.logRequests}). Off by default:
   * capturing costs a copy of every chunk's text, where the default path allocates nothing per chunk.
   */
  public StreamRecording captureGeneratedText() {
    return captureGeneratedText(true);
  }

  /**
   * Captures the generated text; {@code keepInRecord} false hands it only to {@link #capturedText()} (e.g. to save the
   * answer into the session) so that the run's records do not hold every answer until the end.
   */
  public StreamRecording captureGeneratedText(boolean keepInRecord) {
    text = new StringBuilder();
    keepTextInRecord = keepTextInRecord || keepInRecord;
    chunk.captureTextInto(text);
    if (keepInRecord) {
      reasoningText = new StringBuilder(); // only logged; a conversation sends back the visible answer alone
      chunk.captureReasoningInto(reasoningText);
    }
    return this;
  }

  /** The generated visible text once finished when it was captured, else null. */
  public String capturedText() {
    return capturedText;
  }

  /**
   * Reads one event.
   *
   * @return false when the event ended the request as failed (malformed, or an error object): the stream should stop
   */
  public boolean event(SseEvent event, long readNanos) {
    try {
      dialect.interpret(event.data(), event.dataLength(), chunk);
    } catch (MalformedEventException e) {
      record.failed(ErrorCategory.MALFORMED_EVENT, e.getMessage());
      return false;
    }
    if (chunk.done()) {
      sawDone = true;
      return true;
    }
    if (chunk.errorMessage() != null) {
      record.failed(ErrorCategory.SERVER_ERROR_EVENT, chunk.errorMessage());
      return false;
    }
    if (chunk.choices() > 0) {
      record.chunk(readNanos);
      if (chunk.visibleContent()) {
        record.firstContent(readNanos);
        record.answerChunk();
      } else if (chunk.reasoningContent()) {
        record.reasoningChunk();
      }
    }
    // usage may ride on a chunk with choices (llama.cpp) or on its own chunk (vLLM): take it wherever it is.
    if (chunk.promptTokens() >= 0) {
      usagePromptTokens = chunk.promptTokens();
    }
    if (chunk.completionTokens() >= 0) {
      usageCompletionTokens = chunk.completionTokens();
    }
    if (chunk.reasoningTokens() >= 0) {
      usageReasoningTokens = chunk.reasoningTokens();
    }
    if (chunk.cachedTokens() >= 0) {
      usageCachedTokens = chunk.cachedTokens();
    }
    return true;
  }

  /** The body ended normally: without any chunk, that is a failure (docs/metrics.md: success needs one). */
  public void endOfBody() {
    if (record.chunkCount() == 0) {
      record.failed(ErrorCategory.NO_CHOICES, "the stream ended without any event with non-empty choices");
    }
  }

  /** The client failed the request. */
  public void failure(ClientFailure failure) {
    // A server that closes the connection right after [DONE], or a run that ends just then, delivered everything: not
    // a failure.
    boolean closedAfterDone =
        failure.kind() == ClientFailure.Kind.CONNECTION_CLOSED || failure.kind() == ClientFailure.Kind.CANCELLED;
    if (sawDone && closedAfterDone && record.chunkCount() > 0) {
      return;
    }
    if (failure.httpStatus() > 0) {
      record.httpStatus(failure.httpStatus());
    }
    record.failed(ErrorCategories.of(failure.kind()), failure.detail());
  }

  /**
   * Closes the record: end time and token counts (usage first, else one token per chunk). Reasoning tokens: usage's
   * {@code completion_tokens_details.reasoning_tokens}, else one per reasoning-only chunk when there were any. Cached
   * prompt tokens: the last count any event reported, else unknown.
   */
  public void finish(long endNanos) {
    record.ended(endNanos);
    if (text != null) {
      capturedText = text.toString();
      if (keepTextInRecord) {
        record.generatedText(capturedText);
      }
      if (reasoningText != null) {
        record.reasoningText(reasoningText.toString());
      }
    }
    if (usageCompletionTokens >= 0) {
      record.outputTokens(usageCompletionTokens, TokenSource.USAGE);
    } else if (record.chunkCount() > 0) {
      record.outputTokens(record.chunkCount(), TokenSource.CHUNKS);
    }
    if (usagePromptTokens >= 0) {
      record.promptTokens(usagePromptTokens, TokenSource.USAGE);
    }
    if (usageReasoningTokens >= 0) {
      record.reasoningTokens(usageReasoningTokens, TokenSource.USAGE);
    } else if (record.reasoningChunkCount() > 0) {
      record.reasoningTokens(record.reasoningChunkCount(), TokenSource.CHUNKS);
    }
    record.cachedTokens(usageCachedTokens);
  }
}
