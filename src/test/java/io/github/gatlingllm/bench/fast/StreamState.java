package io.github.gatlingllm.bench.fast;

import io.netty.channel.ChannelHandlerContext;

/**
 * The answer being streamed on one connection (HTTP/1.1 without pipelining: at most one at a time). One object per
 * connection, reused by every request on it, linked into the wheel's slots and its flush list through its own fields:
 * scheduling a chunk allocates nothing.
 */
final class StreamState {
  final ChannelHandlerContext ctx;
  boolean active;
  boolean measured;
  /** When the socket read that completed the request began. */
  long readNanos;
  /** Chunks written so far in this answer. */
  int written;
  /** Chunks flushed so far (they reached the socket). */
  int flushed;
  /** The time the next chunk is due, on a 1 ms step of the wheel. */
  long dueNanos;
  /** The due time of the oldest chunk written but not yet flushed. */
  long oldestUnflushedDue;
  long lastFlushNanos;
  StreamState nextInSlot;
  StreamState nextDirty;
  boolean dirty;

  StreamState(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }
}
