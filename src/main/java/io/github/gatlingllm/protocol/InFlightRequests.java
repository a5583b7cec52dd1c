package io.github.gatlingllm.protocol;

import io.github.gatlingllm.metrics.RecordListener;
import io.github.gatlingllm.metrics.RequestRecord;
import java.util.Comparator;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The measured requests started and not yet recorded, ordered by intended start: gives the summary's sweeps their
 * watermark, the time before which no request still to be recorded can have been sent (a request is sent at or after
 * its intended start). Lock-free: one skip-list insertion when a request starts and one removal when its record
 * reaches the recorder (registered there as the last listener, so the record is already queued for the statistics).
 */
final class InFlightRequests implements RecordListener {
  private static final Comparator<RequestRecord> BY_INTENDED_START =
      Comparator.comparingLong(RequestRecord::intendedNanos).thenComparingLong(RequestRecord::requestId);

  private final ConcurrentSkipListSet<RequestRecord> started = new ConcurrentSkipListSet<>(BY_INTENDED_START);

  /** A measured request starts; its intended start and request id are set and never change. */
  void started(RequestRecord record) {
    started.add(record);
  }

  @Override
  public void onRecord(RequestRecord record) {
    started.remove(record);
  }

  /**
   * No request recorded after this call was sent before the returned time: the earliest intended start in flight, or
   * {@code now} when none is (a request yet to start will start later).
   */
  long watermark(long now) {
    try {
      return Math.min(now, started.first().intendedNanos());
    } catch (java.util.NoSuchElementException e) {
      return now;
    }
  }

  int size() {
    return started.size();
  }
}
