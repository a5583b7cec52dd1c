package io.github.gatlingllm.action;

import io.gatling.core.session.Session;
import io.github.gatlingllm.api.Dialect;
import io.github.gatlingllm.api.MalformedEventException;
import io.github.gatlingllm.api.StreamChunk;
import io.github.gatlingllm.client.ClientFailure;
import io.github.gatlingllm.client.SseEvent;
import io.github.gatlingllm.client.StreamHandler;
import io.github.gatlingllm.client.StreamingRequest;
import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;

/**
 * The life of one request on its event loop: the client's callbacks, read through the dialect, fill in the record;
 * the end of the stream hands it back to the action. It is also the task queued behind the concurrency cap, so a
 * request costs one object of this kind and allocates nothing per chunk.
 */
final class StreamExchange implements StreamHandler, Runnable {
  private final StreamingRequestAction action;
  private final Session session;
  private final RequestRecord record;
  private final StreamingRequest request;
  private final Dialect dialect;
  private final StreamChunk chunk = new StreamChunk();
  private int usagePromptTokens = -1;
  private int usageCompletionTokens = -1;
  private boolean sawDone;
  private boolean finished;

  StreamExchange(
      StreamingRequestAction action, Session session, RequestRecord record, StreamingRequest request, Dialect dialect) {
    this.action = action;
    this.session = session;
    this.record = record;
    this.request = request;
    this.dialect = dialect;
  }

  Session session() {
    return session;
  }

  /** Sends the request; runs on the session's event loop (directly, or when the concurrency cap lets it go). */
  void start() {
    action.execute(this, request);
  }

  @Override
  public void run() {
    start();
  }

  @Override
  public void onSend(long sendNanos) {
    record.sent(sendNanos); // called again if a stale pooled connection forced one retry: the retry is the send
  }

  @Override
  public void onResponseStart(int status, long readNanos) {
    record.httpStatus(status);
  }

  @Override
  public boolean onEvent(SseEvent event, long readNanos) {
    try {
      dialect.interpret(event.data(), event.dataLength(), chunk);
    } catch (MalformedEventException e) {
      record.failed(ErrorCategory.MALFORMED_EVENT, e.getMessage());
      finish(readNanos);
      return false;
    }
    if (chunk.done()) {
      sawDone = true;
      return true;
    }
    if (chunk.errorMessage() != null) {
      record.failed(ErrorCategory.SERVER_ERROR_EVENT, chunk.errorMessage());
      finish(readNanos);
      return false;
    }
    if (chunk.choices() > 0) {
      record.chunk(readNanos);
      if (chunk.visibleContent()) {
        record.firstContent(readNanos);
      }
    }
    // usage may ride on a chunk with choices (llama.cpp) or on its own chunk (vLLM): take it wherever it is.
    if (chunk.promptTokens() >= 0) {
      usagePromptTokens = chunk.promptTokens();
    }
    if (chunk.completionTokens() >= 0) {
      usageCompletionTokens = chunk.completionTokens();
    }
    return true;
  }

  @Override
  public void onEnd(long endNanos) {
    if (record.chunkCount() == 0) {
      record.failed(ErrorCategory.NO_CHOICES, "the stream ended without any event with non-empty choices");
    }
    finish(endNanos);
  }

  @Override
  public void onFailure(ClientFailure failure, long failureNanos) {
    // A server that closes the connection right after [DONE] delivered everything: not a failure.
    if (!(sawDone && failure.kind() == ClientFailure.Kind.CONNECTION_CLOSED && record.chunkCount() > 0)) {
      if (failure.httpStatus() > 0) {
        record.httpStatus(failure.httpStatus());
      }
      record.failed(FailureCategories.of(failure.kind()), failure.detail());
    }
    finish(failureNanos);
  }

  private void finish(long endNanos) {
    if (finished) {
      return;
    }
    finished = true;
    record.ended(endNanos);
    if (usageCompletionTokens >= 0) {
      record.outputTokens(usageCompletionTokens, TokenSource.USAGE);
    } else if (record.chunkCount() > 0) {
      record.outputTokens(record.chunkCount(), TokenSource.CHUNKS);
    }
    if (usagePromptTokens >= 0) {
      record.promptTokens(usagePromptTokens, TokenSource.USAGE);
    }
    action.complete(session, record);
  }
}
