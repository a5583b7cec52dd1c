package io.github.gatlingllm.client;

import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadEventLoop;

/**
 * One timestamp per I/O pass of an event loop: the first socket read of a pass takes {@link System#nanoTime()} and
 * every later read of the same pass reuses it; a task queued behind the pass's I/O ends the pass.
 *
 * <p>Why: when many connections become readable together (a server answering 1,000 streams at once), the loop reads
 * them one after the other. A stamp per read would add to the last connection's events the time spent reading all
 * the others, an error of the client that grows with the burst. Every connection read in a pass was reported
 * readable when the pass began, so its first bytes had arrived by then: the pass start is the tighter bound on their
 * arrival. (Bytes that arrive on a connection while its pass runs and are read in the same call share the stamp too,
 * early by at most the pass duration, as events sharing one read already are.)
 *
 * <p>The pass ends with the loop's iteration: the first read queues {@link #run()} as a task that Netty runs after
 * every task of the iteration ({@code SingleThreadEventLoop.executeAfterEventLoopIteration}), so the next iteration's
 * reads take a new stamp. A plain task would not do: a loop with a long task queue stops running tasks when its time
 * budget for them is spent and reads again with the pass's end still queued, so a later iteration's reads reused an
 * old stamp. Seen in a full test suite on a loaded machine: answers stamped 11 ms before they could have arrived, a
 * TTFT of 9 ms from a server that waits 20. A send on the loop ends the pass too ({@link #requestSent()}): every read
 * after a send is stamped after it.
 *
 * <p>Confined to its event loop: plain fields.
 */
final class IoPassClock implements Runnable {
  private final EventLoop loop;
  private long passStartNanos;
  private boolean inPass;

  IoPassClock(EventLoop loop) {
    this.loop = loop;
  }

  /** The time of the current I/O pass, starting one if none is running. */
  long readStamp() {
    if (!inPass) {
      passStartNanos = System.nanoTime();
      inPass = true;
      if (loop instanceof SingleThreadEventLoop iterating) {
        iterating.executeAfterEventLoopIteration(this);
      } else {
        loop.execute(this); // other loops: the end of its queued tasks is the nearest bound there is
      }
    }
    return passStartNanos;
  }

  /** Whether a pass is running (its end not yet run): for tests, on the loop's thread. */
  boolean inPass() {
    return inPass;
  }

  /** A request is being sent on this loop: reads from now on belong to a later pass than any stamp taken so far. */
  void requestSent() {
    inPass = false;
  }

  /** Ends the pass: queued by its first read to run at the end of the loop's iteration, after the pass's I/O. */
  @Override
  public void run() {
    inPass = false;
  }
}
