package io.github.gatlingllm.client;

import io.netty.channel.EventLoop;

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
 * <p>Netty runs an event loop's tasks after its I/O, so the queued task runs once the pass's reads are done. But not
 * always before the next I/O: a loop with a long task queue stops running tasks when its time budget for them is
 * spent (ioRatio) and reads again, with this pass's end still queued. A request sent by one of the tasks that did run
 * would then have its answer stamped with the older pass's start, earlier than its own send: a TTFT shorter than the
 * server's (seen under load). So a send on the loop ends the pass too ({@link #requestSent()}): every read after a
 * send is stamped after it.
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
      loop.execute(this);
    }
    return passStartNanos;
  }

  /** A request is being sent on this loop: reads from now on belong to a later pass than any stamp taken so far. */
  void requestSent() {
    inPass = false;
  }

  /** Ends the pass: queued by its first read, so it runs after the pass's I/O. */
  @Override
  public void run() {
    inPass = false;
  }
}
