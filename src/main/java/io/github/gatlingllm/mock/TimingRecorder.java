package io.github.gatlingllm.mock;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Accumulates token lateness from all event loops. Adders rather than one atomic: each loop thread mostly touches its
 * own cell, so recording costs a few uncontended operations per token.
 */
final class TimingRecorder {
  private static final long MS = 1_000_000;

  private final LongAdder tokens = new LongAdder();
  private final LongAdder lateNanos = new LongAdder();
  private final LongAccumulator maxLateNanos = new LongAccumulator(Math::max, 0);
  private final LongAdder over1 = new LongAdder();
  private final LongAdder over5 = new LongAdder();
  private final LongAdder over20 = new LongAdder();
  private final LongAdder over100 = new LongAdder();

  void record(long late) {
    long clamped = Math.max(0, late);
    tokens.increment();
    lateNanos.add(clamped);
    maxLateNanos.accumulate(clamped);
    if (clamped > MS) {
      over1.increment();
      if (clamped > 5 * MS) {
        over5.increment();
        if (clamped > 20 * MS) {
          over20.increment();
          if (clamped > 100 * MS) {
            over100.increment();
          }
        }
      }
    }
  }

  /** Starts over (with {@link TruthRecorder#reset}); tokens written during the reset may land on either side. */
  void reset() {
    tokens.reset();
    lateNanos.reset();
    maxLateNanos.reset();
    over1.reset();
    over5.reset();
    over20.reset();
    over100.reset();
  }

  MockTimingStats snapshot() {
    long count = tokens.sum();
    return new MockTimingStats(
        count,
        count == 0 ? 0 : lateNanos.sum() / (double) count / MS,
        maxLateNanos.get() / (double) MS,
        over1.sum(),
        over5.sum(),
        over20.sum(),
        over100.sum());
  }
}
