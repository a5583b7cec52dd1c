package io.github.gatlingllm.bench.fast;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's schedule, as a serving engine's decode step: time is cut into 1 ms steps, every stream due in a
 * step is written in one pass, then each written connection is flushed once. 10,000 streams thus cost one timer per
 * millisecond, not 10,000 scheduled tasks per inter-token latency. Slots form a ring of {@value #SLOTS} ms; a stream
 * due further ahead sits in its slot until the ring comes round to its round.
 *
 * <p>Every method runs on {@link #loop}: the wheel, its streams and its {@link LoopStats} have that one writer.
 */
final class StreamWheel {
  static final long STEP_NANOS = 1_000_000L;
  private static final int SLOTS = 8192;
  private static final int MASK = SLOTS - 1;

  final EventLoop loop;
  final LoopStats stats = new LoopStats();
  private final long origin;
  private final long ttftNanos;
  private final long itlNanos;
  private final int tokens;
  private final FastChunks chunks;
  private final StreamState[] slots = new StreamState[SLOTS];
  /** The first step not processed yet. */
  private long nextSlot;
  private int active;
  /**
   * The earliest tick scheduled (Long.MAX_VALUE: none). A tick superseded by an earlier one is not cancelled (that
   * would cost more than letting it fire): it finds its time is no longer {@code tickAt} and does nothing, so the
   * number of pending ticks never grows past the ones in use.
   */
  private long tickAt = Long.MAX_VALUE;
  private StreamState dirtyHead;

  StreamWheel(EventLoop loop, long origin, FastServerOptions options, FastChunks chunks) {
    this.loop = loop;
    this.origin = origin;
    this.ttftNanos = options.ttftMs() * STEP_NANOS;
    this.itlNanos = options.itlMs() * STEP_NANOS;
    this.tokens = options.tokens();
    this.chunks = chunks;
  }

  /** A request was read completely: its first chunk is due TTFT after its read began, rounded up to a step. */
  void start(StreamState s, long readNanos, boolean measured) {
    if (active == 0) {
      nextSlot = slotOf(System.nanoTime()); // idle until now: no stale steps to walk through
    }
    active++;
    s.active = true;
    s.measured = measured;
    s.readNanos = readNanos;
    s.written = 0;
    s.flushed = 0;
    s.dueNanos = origin + ceilSlot(readNanos + ttftNanos - origin) * STEP_NANOS;
    insert(s);
  }

  /** A scheduled tick and the step it was scheduled for. */
  private final class Tick implements Runnable {
    private final long at;

    Tick(long at) {
      this.at = at;
    }

    @Override
    public void run() {
      if (at == tickAt) {
        tick();
      }
    }
  }

  /** Writes every stream due up to now, then flushes each written connection once. */
  private void tick() {
    tickAt = Long.MAX_VALUE;
    long upTo = slotOf(System.nanoTime());
    while (nextSlot <= upTo) {
      long slot = nextSlot++;
      StreamState s = slots[(int) (slot & MASK)];
      slots[(int) (slot & MASK)] = null;
      long slotTime = origin + slot * STEP_NANOS;
      while (s != null) {
        StreamState next = s.nextInSlot;
        s.nextInSlot = null;
        if (s.dueNanos > slotTime) {
          insert(s); // a later round of the ring
        } else {
          writeDue(s);
        }
        s = next;
      }
    }
    flushAll();
    if (active > 0) {
      scheduleNext();
    }
  }

  private void writeDue(StreamState s) {
    if (!s.ctx.channel().isActive()) {
      s.active = false;
      active--;
      return;
    }
    ByteBuf buf = chunks.forChunk(s.written, tokens);
    stats.bytesWritten += buf.readableBytes();
    stats.chunks++;
    s.ctx.write(buf.duplicate(), s.ctx.voidPromise());
    if (s.written == s.flushed) {
      s.oldestUnflushedDue = s.dueNanos;
    }
    s.written++;
    if (!s.dirty) {
      s.dirty = true;
      s.nextDirty = dirtyHead;
      dirtyHead = s;
    }
    if (s.written == tokens) {
      s.active = false; // the answer is complete once flushed; the connection waits for its next request
      active--;
    } else {
      s.dueNanos += itlNanos;
      insert(s);
    }
  }

  /** One flush per written connection; the truth is stamped when each flush returns (the bytes are in the kernel). */
  private void flushAll() {
    StreamState s = dirtyHead;
    dirtyHead = null;
    while (s != null) {
      StreamState next = s.nextDirty;
      s.nextDirty = null;
      s.dirty = false;
      s.ctx.flush();
      long now = System.nanoTime();
      if (s.measured) {
        record(s, now);
      }
      s.flushed = s.written;
      s.lastFlushNanos = now;
      s = next;
    }
  }

  private void record(StreamState s, long now) {
    int inThisFlush = s.written - s.flushed;
    if (s.flushed == 0) {
      stats.firstChunks++;
      stats.firstChunkSumNanos += now - origin;
      LoopStats.record(stats.ttft, now - s.readNanos);
      inThisFlush--;
    } else {
      LoopStats.record(stats.gaps, now - s.lastFlushNanos);
      inThisFlush--;
    }
    // Chunks that went out in the same flush reach the client in one read: gaps of 0, as the client counts them.
    for (int i = 0; i < inThisFlush; i++) {
      LoopStats.record(stats.gaps, 0);
    }
    LoopStats.record(stats.lateness, now - s.oldestUnflushedDue);
  }

  private void insert(StreamState s) {
    long slot = Math.max(slotOf(s.dueNanos), nextSlot);
    int index = (int) (slot & MASK);
    s.nextInSlot = slots[index];
    slots[index] = s;
    long at = origin + slot * STEP_NANOS;
    if (at < tickAt) {
      tickAt = at;
      loop.schedule(new Tick(at), Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
  }

  /** The next non-empty step within one turn of the ring (a stream further ahead sits in one of these slots). */
  private void scheduleNext() {
    for (long slot = nextSlot; slot < nextSlot + SLOTS; slot++) {
      if (slots[(int) (slot & MASK)] != null) {
        long at = origin + slot * STEP_NANOS;
        if (at < tickAt) {
          tickAt = at;
          loop.schedule(new Tick(at), Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        return;
      }
    }
  }

  private long slotOf(long nanos) {
    return Math.floorDiv(nanos - origin, STEP_NANOS);
  }

  private static long ceilSlot(long nanosSinceOrigin) {
    return -Math.floorDiv(-nanosSinceOrigin, STEP_NANOS);
  }
}
