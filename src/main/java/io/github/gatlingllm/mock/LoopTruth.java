package io.github.gatlingllm.mock;

/**
 * The truth samples written by one event loop thread: server TTFT and server ITL in nanoseconds. Only that thread
 * writes; {@link TruthRecorder} reads from anywhere. A reset elsewhere bumps the recorder's epoch, and this log
 * clears itself on its next write (the writer owns the arrays, so clearing from another thread would race).
 */
final class LoopTruth {
  private final TruthRecorder owner;
  final SampleLog ttft = new SampleLog();
  final SampleLog itl = new SampleLog();
  /** Absolute {@code nanoTime} of each first chunk (same order as {@link #ttft}), see {@link MockTruth}. */
  final SampleLog firstChunkAt = new SampleLog();
  /** The recorder epoch these samples belong to; written by the loop thread only, after clearing. */
  private volatile int epoch;

  LoopTruth(TruthRecorder owner) {
    this.owner = owner;
    this.epoch = owner.epoch();
  }

  void recordTtft(long nanos, long firstChunkNanoTime) {
    sync();
    firstChunkAt.add(firstChunkNanoTime);
    ttft.add(nanos); // last: a reader that sees this TTFT sees its first-chunk time too
  }

  void recordItl(long nanos) {
    sync();
    itl.add(nanos);
  }

  int epoch() {
    return epoch;
  }

  private void sync() {
    int current = owner.epoch();
    if (current != epoch) {
      ttft.clear();
      itl.clear();
      firstChunkAt.clear();
      epoch = current; // published after the clears: a reader that sees the new epoch sees the empty logs
    }
  }
}
