package io.github.gatlingllm.mock;

/**
 * Where a {@link GenerationTask} puts what it generates: an SSE stream ({@link SseResponseSink}) or one JSON document
 * written at the end ({@link JsonResponseSink}). Called on the channel's event loop only.
 */
interface ResponseSink {

  /** At acceptance of the request (a stream sends its status and headers now, as vLLM does). */
  void begin();

  /** Token {@code index} (from 0); {@code last} carries the finish reason. Not flushed. */
  void token(int index, boolean last);

  void flush();

  /** After the last token: usage, [DONE] and the end of the body, flushed. */
  void complete();

  /** {@link FaultMode#MALFORMED}: one undecodable event (streams) or a truncated body (JSON). Not flushed. */
  void malformed();

  /** {@link FaultMode#ERROR_EVENT}: ends the response with an error, flushed. */
  void error();
}
