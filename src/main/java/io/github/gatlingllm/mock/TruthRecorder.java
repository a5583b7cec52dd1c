package io.github.gatlingllm.mock;

import io.github.gatlingllm.metrics.Distribution;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the server really did, per generation request, for accuracy benchmarks: one log per event loop thread
 * ({@link LoopTruth}), merged only when a snapshot is asked for. A reset is an epoch bump: it never touches a loop's
 * arrays, so it needs no lock and no hop to the loops.
 */
final class TruthRecorder {
  private final ThreadLocal<LoopTruth> perThread = ThreadLocal.withInitial(this::register);
  private final List<LoopTruth> logs = new CopyOnWriteArrayList<>();
  private volatile int epoch;

  /** The calling event loop's log; look it up once per request, not per chunk. */
  LoopTruth forCurrentThread() {
    return perThread.get();
  }

  int epoch() {
    return epoch;
  }

  /** Forgets every sample recorded so far. Samples of streams in flight at that moment land in the new epoch. */
  synchronized void reset() {
    epoch++;
  }

  MockTruth snapshot() {
    int current = epoch;
    LoopTruth[] loops = logs.toArray(new LoopTruth[0]);
    int[] ttftSizes = sizes(loops, current, Kind.TTFT);
    long[] ttft = collect(loops, ttftSizes, Kind.TTFT);
    // The first-chunk times are written before their TTFT, so the TTFT counts bound them: the two describe the
    // same requests even while streams are being recorded.
    long[] firstChunkAt = collect(loops, ttftSizes, Kind.FIRST_CHUNK_AT);
    long[] itl = collect(loops, sizes(loops, current, Kind.ITL), Kind.ITL);
    return new MockTruth(summarise(ttft), summarise(itl), meanNanoTime(firstChunkAt));
  }

  private enum Kind {
    TTFT,
    ITL,
    FIRST_CHUNK_AT;

    SampleLog of(LoopTruth loop) {
      return switch (this) {
        case TTFT -> loop.ttft;
        case ITL -> loop.itl;
        case FIRST_CHUNK_AT -> loop.firstChunkAt;
      };
    }
  }

  private static MockTruth.Summary summarise(long[] nanos) {
    Distribution d = Distribution.ofNanos(nanos);
    return new MockTruth.Summary(d.count(), d.mean(), d.median(), d.percentile(99));
  }

  /** The mean of absolute times, summed as offsets from the first so that nothing overflows; 0 when there are none. */
  private static long meanNanoTime(long[] times) {
    int n = times.length;
    if (n == 0) {
      return 0;
    }
    long base = times[0];
    double offsets = 0;
    for (int i = 0; i < n; i++) {
      offsets += times[i] - base;
    }
    return base + Math.round(offsets / n);
  }

  /** Samples per loop, taken once (loops of another epoch count 0: a reset forgot them). */
  private static int[] sizes(LoopTruth[] loops, int current, Kind kind) {
    int[] sizes = new int[loops.length];
    for (int i = 0; i < loops.length; i++) {
      sizes[i] = loops[i].epoch() == current ? kind.of(loops[i]).size() : 0;
    }
    return sizes;
  }

  /** Copies exactly {@code sizes[i]} samples of each loop: samples added meanwhile wait for the next snapshot. */
  private static long[] collect(LoopTruth[] loops, int[] sizes, Kind kind) {
    int total = 0;
    for (int size : sizes) {
      total += size;
    }
    long[] nanos = new long[total];
    int offset = 0;
    for (int i = 0; i < loops.length; i++) {
      if (sizes[i] > 0) {
        kind.of(loops[i]).copyTo(sizes[i], nanos, offset);
        offset += sizes[i];
      }
    }
    return nanos;
  }

  private LoopTruth register() {
    LoopTruth log = new LoopTruth(this);
    logs.add(log);
    return log;
  }
}
