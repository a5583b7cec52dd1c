package io.github.gatlingllm.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends one line per item to a text sink from a single background thread, so that callers on Gatling's event loops
 * never wait for the disk.
 *
 * <ul>
 *   <li>{@link #offer} is lock-free and never blocks: a {@link ConcurrentLinkedQueue} plus a counter that bounds it.
 *       When the bound is reached the item is dropped and counted ({@link #dropped()}): losing a row is better than
 *       stalling the load. Items are formatted on the writer thread, not by the caller, so an event loop only pays for
 *       one queue node per item.
 *   <li>The writer thread drains the queue, formats every item into the sink, then flushes the sink: whatever was
 *       offered reaches the operating system within about {@link #IDLE_WAIT_MILLIS} ms plus the time to write it, so
 *       a process killed with SIGKILL keeps every line offered before its last drain (the OS keeps written data).
 *   <li>{@link #close()} drains everything offered before it, flushes and closes the sink. A JVM shutdown hook does
 *       the same on Ctrl-C / SIGTERM, in case the owner is not told in time.
 * </ul>
 *
 * @param <T> what a line is made of; the item must not change once offered (the queue publishes it safely)
 */
public final class AsyncLineWriter<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncLineWriter.class);

  /**
   * How long the writer thread sleeps when it finds nothing to write; producers do not wake it (that would cost them
   * a system call), so this is also the usual delay before a line is written.
   */
  static final long IDLE_WAIT_MILLIS = 50;

  /**
   * Default bound on queued items. The items are records the run keeps anyway for its summary, so a queued item costs
   * one queue node (~32 bytes): 1M items is about 32 MB, i.e. 100 s of a stalled disk at 10k requests/s. Normally
   * the queue holds one idle wait's worth of items (500 at 10k req/s).
   */
  public static final int DEFAULT_CAPACITY = 1 << 20;

  /**
   * Most items written between two flushes: when requests finish faster than lines are written the queue never runs
   * empty, and the sink must still be flushed regularly (a batch takes well under a second to format and write).
   */
  private static final int MAX_BATCH = 4096;

  /** How long {@link #close()} waits for the writer thread to drain before giving up on a stuck sink. */
  private static final long CLOSE_TIMEOUT_MILLIS = 60_000;

  /**
   * Opens the sink, on the writer thread. Returns null when it cannot be opened yet (e.g. the run folder does not
   * exist yet): items are queued meanwhile and the opening is tried again after an idle wait, and one last time on
   * close.
   */
  @FunctionalInterface
  public interface SinkOpener {
    Writer open() throws IOException;
  }

  /** Turns one item into one line (without the line end), on the writer thread. */
  @FunctionalInterface
  public interface LineFormat<T> {
    void format(T item, StringBuilder line);
  }

  private final String name;
  private final SinkOpener opener;
  private final LineFormat<T> format;
  private final int capacity;
  private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final Thread thread;
  private final Thread shutdownHook;
  private volatile boolean closing;
  private volatile IOException failure;
  /**
   * Writer thread only: items taken from the queue since the sink's last successful flush. A failing disk may have
   * lost any of them (a buffered writer hands bytes on in its own chunks), so on a failure they all count as dropped.
   */
  private int unflushed;

  /**
   * Starts the writer thread, which first writes {@code header} (if not null) as the first line.
   *
   * @param name names the thread and the log messages (e.g. the file name)
   * @param sink where lines go; closed by {@link #close()}. Should not buffer much itself: it is flushed after every
   *     drained batch
   */
  public AsyncLineWriter(String name, Writer sink, String header, LineFormat<T> format, int capacity) {
    this(name, opened(sink), header, format, capacity);
  }

  private static SinkOpener opened(Writer sink) {
    Objects.requireNonNull(sink, "sink");
    return () -> sink;
  }

  /** As {@link #AsyncLineWriter(String, Writer, String, LineFormat, int)}, the sink opened later by the writer thread. */
  public AsyncLineWriter(String name, SinkOpener opener, String header, LineFormat<T> format, int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be > 0, got " + capacity);
    }
    this.name = Objects.requireNonNull(name, "name");
    this.opener = Objects.requireNonNull(opener, "opener");
    this.format = Objects.requireNonNull(format, "format");
    this.capacity = capacity;
    this.thread = new Thread(() -> loop(header), "gatling-llm-writer-" + name);
    // Daemon: a writer its owner forgot to close must not keep the JVM alive; the shutdown hook still drains it.
    thread.setDaemon(true);
    this.shutdownHook = new Thread(this::closeQuietly, "gatling-llm-writer-close-" + name);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    thread.start();
  }

  /**
   * Queues one item for writing. Lock-free, never blocks, safe from any thread.
   *
   * @return false when the item was dropped (queue full, writer closed or failed); see {@link #dropped()}
   */
  public boolean offer(T item) {
    Objects.requireNonNull(item, "item");
    if (closing || failure != null) {
      dropped.incrementAndGet();
      return false;
    }
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      dropped.incrementAndGet();
      return false;
    }
    queue.add(item);
    return true;
  }

  /** Items not written because the queue was full, the writer was closed, or the sink failed. */
  public long dropped() {
    return dropped.get();
  }

  /** Lines handed to the operating system so far (flushed; the header not included). */
  public long written() {
    return written.get();
  }

  /** The first write error of the sink, or null. After one, nothing more is written. */
  public IOException failure() {
    return failure;
  }

  /**
   * Writes everything offered so far, flushes and closes the sink; later offers are dropped. Waits for the writer
   * thread (at most a minute, in case the disk hangs). Idempotent.
   */
  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(thread);
    try {
      thread.join(CLOSE_TIMEOUT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.error("{}: the writer did not finish within {} ms; the file may be incomplete", name, CLOSE_TIMEOUT_MILLIS);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook is running or about to, which is harmless.
    }
  }

  /**
   * The owner closes this writer itself when the JVM stops (after it has written its last lines, e.g. the requests it
   * cancelled): the writer's own shutdown hook, which would close it at an unspecified moment, is removed.
   */
  public void closedByOwnerOnExit() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // Already shutting down: nothing to change.
    }
  }

  private void closeQuietly() {
    if (!closing) {
      close();
    }
  }

  private void loop(String header) {
    StringBuilder line = new StringBuilder(1024);
    Writer sink = null;
    try {
      sink = open();
      if (sink == null) {
        LOG.warn("{}: nowhere to write (no run folder found); {} lines dropped", name, queued.get());
        dropped.addAndGet(queued.getAndSet(0));
        queue.clear();
        return;
      }
      if (header != null) {
        sink.write(header);
        sink.write('\n');
        sink.flush();
      }
      while (true) {
        // Read before draining: anything offered before close() set the flag is then drained below.
        boolean last = closing;
        int batch = drain(sink, line);
        if (batch > 0) {
          sink.flush();
          written.addAndGet(unflushed);
          unflushed = 0;
        }
        if (batch == MAX_BATCH) {
          continue; // more may be waiting, also when closing
        }
        if (last) {
          // An offer racing with close() may have slipped in after the last drain: count it rather than lose it.
          dropped.addAndGet(queued.getAndSet(0));
          queue.clear();
          break;
        }
        if (batch == 0) {
          LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(IDLE_WAIT_MILLIS));
        }
      }
    } catch (IOException | RuntimeException e) {
      failure = e instanceof IOException io ? io : new IOException(e);
      // Console: the run goes on, but this file is incomplete from here; the summary's dropped_rows has the count.
      LOG.error("{}: writing failed ({}), no more lines will be written", name, e.toString());
      dropped.addAndGet(unflushed + (long) queued.getAndSet(0));
      unflushed = 0;
      queue.clear();
    } finally {
      try {
        if (sink != null) {
          sink.close();
        }
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
          LOG.error("{}: closing failed", name, e);
        }
      }
    }
  }

  /** The sink, waiting for it to become available; null when it still is not once the writer is closed. */
  private Writer open() throws IOException {
    while (true) {
      boolean last = closing;
      Writer sink = opener.open();
      if (sink != null || last) {
        return sink;
      }
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(IDLE_WAIT_MILLIS));
    }
  }

  /** Writes the queued items, at most {@link #MAX_BATCH}; returns how many. */
  private int drain(Writer sink, StringBuilder line) throws IOException {
    int count = 0;
    T item;
    while (count < MAX_BATCH && (item = queue.poll()) != null) {
      queued.decrementAndGet();
      unflushed++;
      line.setLength(0);
      format.format(item, line);
      line.append('\n');
      sink.append(line);
      count++;
    }
    return count;
  }
}
