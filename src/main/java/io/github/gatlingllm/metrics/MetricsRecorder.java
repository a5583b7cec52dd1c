package io.github.gatlingllm.metrics;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Where finished requests are handed in, from many event-loop threads, without locks: each record is queued once for
 * the one thread that summarizes them ({@link #drainTo}), which lets it go once read, and shown to the listeners (the
 * per-request files) as it arrives. Nothing is kept here beyond what the summarizing thread has not read yet.
 *
 * <p>The queue's hand-over publishes each record (written by one thread until then) safely to the reader.
 */
public final class MetricsRecorder {
  private final ConcurrentLinkedQueue<RequestRecord> unread = new ConcurrentLinkedQueue<>();
  private final AtomicLong recorded = new AtomicLong();
  private final List<RecordListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong listenerFailures = new AtomicLong();

  /** Adds one finished request. Thread-safe, lock-free; the record must not be written afterwards. */
  public void record(RequestRecord record) {
    Objects.requireNonNull(record, "record");
    unread.add(record);
    recorded.incrementAndGet();
    for (RecordListener listener : listeners) {
      try {
        listener.onRecord(record);
      } catch (RuntimeException e) {
        // A broken side channel (e.g. a full disk for the CSV) must not fail the request or the event loop.
        listenerFailures.incrementAndGet();
      }
    }
  }

  /** Registers a listener for the records that arrive from now on; called after the record is queued. */
  public void addListener(RecordListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** How many times a listener threw; those exceptions are swallowed so recording never fails. */
  public long listenerFailures() {
    return listenerFailures.get();
  }

  /**
   * Hands every record queued so far to {@code reader}, in the order they were recorded, and forgets them. One reader
   * thread at a time.
   *
   * @return how many were handed
   */
  public int drainTo(Consumer<RequestRecord> reader) {
    int n = 0;
    RequestRecord r;
    while ((r = unread.poll()) != null) {
      reader.accept(r);
      n++;
    }
    return n;
  }

  /** Records handed in so far. */
  public long recorded() {
    return recorded.get();
  }
}
