package io.github.gatlingllm.metrics;

/**
 * Counts how many half-open intervals {@code [start, end)} overlap, sweeping their ends and starts in time order
 * (an end before a start on equal times, so that back-to-back intervals do not overlap), while intervals are still
 * being added in no particular order.
 *
 * <p>The sweep only passes a time once the caller vouches that no interval added later starts before it (the
 * watermark given to {@link #advance}); what lies before is settled, reported to the {@link Listener} and forgotten.
 * Memory therefore follows the intervals that reach past the watermark, not the whole run.
 */
public final class IntervalSweep {
  /** Told of every event, in time order. */
  public interface Listener {
    /**
     * @param time the event's time
     * @param start true for a start, false for an end
     * @param overlapping how many intervals overlap just after the event
     */
    void event(long time, boolean start, int overlapping);
  }

  private final LongHeap starts = new LongHeap();
  private final LongHeap ends = new LongHeap();
  private final Listener listener;
  private int overlapping;

  public IntervalSweep(Listener listener) {
    this.listener = listener;
  }

  /** Adds an interval; {@code end >= start}. */
  public void add(long start, long end) {
    starts.add(start);
    ends.add(end);
  }

  /** Sweeps every event before {@code watermark}: no interval added later starts before it. */
  public void advance(long watermark) {
    while (!starts.isEmpty() || !ends.isEmpty()) {
      boolean endFirst = starts.isEmpty() || (!ends.isEmpty() && ends.peek() <= starts.peek());
      long t = endFirst ? ends.peek() : starts.peek();
      if (t >= watermark) {
        return;
      }
      if (endFirst) {
        ends.poll();
        overlapping--;
      } else {
        starts.poll();
        overlapping++;
      }
      listener.event(t, !endFirst, overlapping);
    }
  }

  /** Events added and not yet swept. */
  public int pending() {
    return starts.size() + ends.size();
  }

  /** The earliest event not yet swept, or {@link Long#MAX_VALUE} when none. */
  public long earliestPending() {
    long s = starts.isEmpty() ? Long.MAX_VALUE : starts.peek();
    long e = ends.isEmpty() ? Long.MAX_VALUE : ends.peek();
    return Math.min(s, e);
  }
}
