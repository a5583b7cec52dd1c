package io.github.gatlingllm.mock;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongConsumer;

/**
 * The batch of an inference engine: at most {@code slots} generation requests run at once, the others wait in ONE
 * first-in first-out queue shared by every event loop. With 0 slots (unlimited), every request starts at once and
 * nothing here is locked.
 *
 * <p>Connections live on different event loops, so the slot count and the queue sit under one lock. It guards a few
 * field updates and never I/O or a callback, so an event loop never waits on anything slow; a lock-free version would
 * have to close the race between "a slot frees, the queue looks empty" and "a request queues, no slot looks free"
 * another way, for no gain at this scale. A queued request is started on its own channel's event loop ({@link
 * Channel#eventLoop()}), outside the lock.
 */
final class BatchSlots {
  private final int slots;
  private final Object lock = new Object();
  /** Guarded by {@link #lock}. */
  private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
  /** Slots taken, guarded by {@link #lock}: running requests plus those handed a slot and not yet started. */
  private int taken;

  /** @param slots requests run at once, 0 = unlimited */
  BatchSlots(int slots) {
    this.slots = slots;
  }

  /**
   * Starts {@code start} at once (on the caller's event loop) if a slot is free and nobody waits, else queues it. The
   * request's end must be reported with {@link #release}, whatever ended it.
   *
   * @param start receives when its slot was taken (nanoTime): the prefill counts from there
   * @param receivedNanos when the request was read: a request that does not wait starts from there, as without slots
   */
  void submit(Channel channel, long receivedNanos, LongConsumer start) {
    if (slots == 0) {
      start.accept(receivedNanos);
      return;
    }
    Waiting waiting = null;
    synchronized (lock) {
      // FIFO: a free slot with a non-empty queue only exists while a hand-over is on its way; keep the order then.
      if (taken < slots && queue.isEmpty()) {
        taken++;
      } else {
        waiting = new Waiting(channel, start);
        queue.addLast(waiting);
      }
    }
    if (waiting == null) {
      start.accept(receivedNanos);
    } else {
      // Added outside the lock: on a channel already closed, the listener runs at once and takes the request out.
      channel.closeFuture().addListener(waiting);
    }
  }

  /**
   * A running request ended (complete, fault, client gone): its slot goes to the oldest queued request whose client
   * is still there, started on that request's own event loop.
   *
   * @param freedNanos when the slot freed: the next request's prefill counts from there, so that a late timer of the
   *     ending request does not shift the whole queue's schedule
   */
  void release(long freedNanos) {
    if (slots == 0) {
      return;
    }
    Waiting next;
    synchronized (lock) {
      do {
        next = queue.pollFirst();
      } while (next != null && !next.channel.isActive());
      if (next == null) {
        taken--;
      }
    }
    if (next != null) {
      next.handOver(freedNanos);
    }
  }

  /** Requests queued for a slot now. */
  int waiting() {
    if (slots == 0) {
      return 0;
    }
    synchronized (lock) {
      return queue.size();
    }
  }

  /** A queued request: leaves the queue when its client hangs up. */
  private final class Waiting implements ChannelFutureListener {
    final Channel channel;
    final LongConsumer start;

    Waiting(Channel channel, LongConsumer start) {
      this.channel = channel;
      this.start = start;
    }

    /** Its client hung up: out of the queue if still there (if not, it has a slot and {@link #handOver} frees it). */
    @Override
    public void operationComplete(ChannelFuture closed) {
      synchronized (lock) {
        queue.remove(this);
      }
    }

    void handOver(long freedNanos) {
      try {
        channel.eventLoop().execute(() -> {
          // A keep-alive connection queues again later: do not let listeners pile up on it.
          channel.closeFuture().removeListener(this);
          if (channel.isActive()) {
            start.accept(freedNanos);
          } else {
            // Gone between the hand-over and now: the slot goes on at once, this request never runs.
            release(freedNanos);
          }
        });
      } catch (RejectedExecutionException e) {
        // Its event loop is shutting down (server closing): the request cannot run, the slot must not leak.
        release(freedNanos);
      }
    }
  }
}
