package io.github.gatlingllm.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects finished requests from many event-loop threads without locks.
 *
 * <p>Each request is recorded exactly once, when it ends. Records are kept in arrival order; the queue's hand-over
 * publishes each record (written by one thread until then) safely to the thread that later takes a snapshot.
 */
public final class MetricsRecorder {
  private final ConcurrentLinkedQueue<RequestRecord> records = new ConcurrentLinkedQueue<>();
  // ConcurrentLinkedQueue.size() walks the whole queue: keep our own count.
  private final AtomicInteger size = new AtomicInteger();
  private final List<RecordListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong listenerFailures = new AtomicLong();

  /** Adds one finished request. Thread-safe, lock-free; the record must not be written afterwards. */
  public void record(RequestRecord record) {
    Objects.requireNonNull(record, "record");
    records.add(record);
    size.incrementAndGet();
    for (RecordListener listener : listeners) {
      try {
        listener.onRecord(record);
      } catch (RuntimeException e) {
        // A broken side channel (e.g. a full disk for the CSV) must not fail the request or the event loop.
        listenerFailures.incrementAndGet();
      }
    }
  }

  /** Registers a listener for the records that arrive from now on. */
  public void addListener(RecordListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** How many times a listener threw; those exceptions are swallowed so recording never fails. */
  public long listenerFailures() {
    return listenerFailures.get();
  }

  /** A copy of the records so far, in the order they were recorded. */
  public List<RequestRecord> snapshot() {
    return new ArrayList<>(records);
  }

  public int size() {
    return size.get();
  }
}
