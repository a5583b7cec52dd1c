package io.github.gatlingllm.protocol;

import io.github.gatlingllm.client.ClientFailure;
import io.github.gatlingllm.client.SseEvent;
import io.github.gatlingllm.client.StreamHandler;
import io.github.gatlingllm.metrics.RequestRecord;

/**
 * A stream handler that records the stream into a {@link StreamRecording} and calls {@link #completed} exactly once
 * per request, whichever way it ends. Subclasses decide what a finished request leads to.
 */
public abstract class RecordingStreamHandler implements StreamHandler {
  private StreamRecording recording;
  private boolean finished;

  /** Starts recording a new request (a handler may serve several requests one after the other). */
  protected final void record(StreamRecording newRecording) {
    this.recording = newRecording;
    this.finished = false;
  }

  /** The request is over, its record closed; called once per request, on its event loop. */
  protected abstract void completed(RequestRecord record);

  @Override
  public final void onSend(long sendNanos) {
    recording.record().sent(sendNanos); // called again if a stale pooled connection forced one retry
  }

  @Override
  public final void onResponseStart(int status, long readNanos) {
    recording.record().httpStatus(status);
  }

  @Override
  public final boolean onEvent(SseEvent event, long readNanos) {
    if (recording.event(event, readNanos)) {
      return true;
    }
    finish(readNanos); // returning false ends the stream: the client calls nothing more
    return false;
  }

  @Override
  public final void onEnd(long endNanos) {
    recording.endOfBody();
    finish(endNanos);
  }

  @Override
  public final void onFailure(ClientFailure failure, long failureNanos) {
    recording.failure(failure);
    finish(failureNanos);
  }

  private void finish(long endNanos) {
    if (finished) {
      return;
    }
    finished = true;
    recording.finish(endNanos);
    completed(recording.record());
  }
}
