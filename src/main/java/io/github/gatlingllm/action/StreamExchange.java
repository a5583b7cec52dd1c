package io.github.gatlingllm.action;

import io.gatling.core.session.Session;
import io.github.gatlingllm.client.StreamingRequest;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.protocol.RecordingStreamHandler;
import io.github.gatlingllm.protocol.StreamRecording;

/**
 * The life of one request on its event loop: the client's callbacks fill in the record; the end of the stream hands
 * it back to the action. It is also the task queued behind the concurrency cap, so a request costs one object of this
 * kind and allocates nothing per chunk.
 */
final class StreamExchange extends RecordingStreamHandler implements Runnable {
  private final StreamingRequestAction action;
  private final Session session;
  private final StreamingRequest request;
  private final StreamRecording recording;

  StreamExchange(StreamingRequestAction action, Session session, StreamingRequest request, StreamRecording recording) {
    this.action = action;
    this.session = session;
    this.request = request;
    this.recording = recording;
    record(recording);
  }

  Session session() {
    return session;
  }

  /** Sends the request; runs on the session's event loop (directly, or when the concurrency cap lets it go). */
  @Override
  public void run() {
    action.execute(this, request);
  }

  @Override
  protected void completed(RequestRecord record) {
    action.complete(session, record, recording.capturedText());
  }
}
