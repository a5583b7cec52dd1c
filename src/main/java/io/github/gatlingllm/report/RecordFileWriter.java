package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.RecordListener;
import io.github.gatlingllm.metrics.RequestRecord;
import java.io.IOException;

/**
 * A per-request file filled as requests finish: {@link #onRecord} only queues the record (lock-free, never blocks
 * the event loop that finished it); the {@link AsyncLineWriter}'s thread formats and writes it. Subclasses choose
 * the file and the line format.
 */
public abstract class RecordFileWriter implements RecordListener, AutoCloseable {
  private final AsyncLineWriter<RequestRecord> lines;

  RecordFileWriter(AsyncLineWriter<RequestRecord> lines) {
    this.lines = lines;
  }

  /** Queues the finished request's line; never blocks. Thread-safe. */
  @Override
  public void onRecord(RequestRecord record) {
    lines.offer(record);
  }

  /** Same as {@link #onRecord}: whether the line was queued (false: dropped and counted). */
  public boolean record(RequestRecord record) {
    return lines.offer(record);
  }

  /** Lines not written: queue full, written after close, or a failed disk. Worth a warning when not 0. */
  public long dropped() {
    return lines.dropped();
  }

  /** Lines written so far. */
  public long written() {
    return lines.written();
  }

  /** The first write error, or null. */
  public IOException failure() {
    return lines.failure();
  }

  /** See {@link AsyncLineWriter#closedByOwnerOnExit()}: the run closes this file in order when the JVM stops. */
  public void closedByOwnerOnExit() {
    lines.closedByOwnerOnExit();
  }

  /** Writes every line queued so far, flushes and closes the file. */
  @Override
  public void close() {
    lines.close();
  }
}
