package io.github.gatlingllm.metrics;

import java.util.Arrays;

/**
 * vLLM's two peaks over the successful requests, computed as requests finish, exactly, in memory bounded by what is
 * still in flight rather than by the length of the run:
 *
 * <ul>
 *   <li>{@code max_concurrent_requests}: a sweep over the half-open intervals {@code [send, last chunk)}, ends before
 *       starts on equal times;
 *   <li>{@code max_output_tokens_per_s}: chunks counted in 1-second buckets from the earliest send among the successful
 *       requests, the fullest bucket (one per chunk, as vLLM: docs/metrics.md).
 * </ul>
 *
 * <p>Requests finish out of order, so neither sweep can pass a time at which an unfinished request may still have
 * started. The caller supplies that bound, the <em>watermark</em> ({@link #advance}): no request not yet added can have
 * been sent before it (in a live run, the earliest intended start among requests in flight; {@code Long.MAX_VALUE} once
 * every request is in). Everything before the watermark is settled and forgotten; only events after it are held.
 *
 * <p>Should the watermark stall (a request that never ends, with no timeout) while more than {@link #PENDING_LIMIT}
 * events pile up, the oldest are settled anyway and {@link #exact()} turns false.
 */
final class StreamingPeaks {
  static final long SECOND = 1_000_000_000L;
  static final int PENDING_LIMIT = 4_000_000;
  private static final long NONE = RequestRecord.NONE;

  private int peakConcurrency;
  private final IntervalSweep concurrency =
      new IntervalSweep((time, start, overlapping) -> peakConcurrency = Math.max(peakConcurrency, overlapping));

  /** The earliest successful send so far, until it is settled as the buckets' origin. */
  private long originCandidate = Long.MAX_VALUE;
  private long origin = NONE;
  /** Chunk times that arrived before the origin was settled. */
  private long[] earlyChunks = new long[256];
  private int earlyChunkCount;
  /** Chunk counts per second from the origin, for the seconds not yet settled: second {@code firstSecond + i}. */
  private long[] seconds = new long[16];
  private long firstSecond;
  private long peakPerSecond;
  private boolean exact = true;

  /** Adds one successful request. */
  void add(RequestRecord r) {
    concurrency.add(r.sendNanos(), r.lastChunkNanos());
    if (origin == NONE) {
      originCandidate = Math.min(originCandidate, r.sendNanos());
      for (int i = 0; i < r.chunkCount(); i++) {
        keepEarly(r.chunkNanos(i));
      }
    } else {
      for (int i = 0; i < r.chunkCount(); i++) {
        count(r.chunkNanos(i));
      }
    }
    if (concurrency.pending() > PENDING_LIMIT || earlyChunkCount > PENDING_LIMIT) {
      exact = false;
      settleOldest();
    }
  }

  /** Settles everything before {@code watermark}: no request added later was sent before it. */
  void advance(long watermark) {
    concurrency.advance(watermark);
    if (origin == NONE && originCandidate < watermark) {
      origin = originCandidate; // every request sent before the watermark is in: none can be earlier
      for (int i = 0; i < earlyChunkCount; i++) {
        count(earlyChunks[i]);
      }
      earlyChunks = new long[0];
      earlyChunkCount = 0;
    }
    if (origin != NONE) {
      long settled = watermark == Long.MAX_VALUE ? Long.MAX_VALUE : Math.floorDiv(watermark - origin, SECOND);
      settleSecondsBefore(settled);
    }
  }

  int peakConcurrency() {
    return peakConcurrency;
  }

  long peakChunksPerSecond() {
    return peakPerSecond;
  }

  /** Interval events and early chunks held, not yet settled: what memory follows. */
  int pendingEvents() {
    return concurrency.pending() + earlyChunkCount;
  }

  /** False when the pending events overflowed {@link #PENDING_LIMIT} and were settled early. */
  boolean exact() {
    return exact;
  }

  private void keepEarly(long t) {
    if (earlyChunkCount == earlyChunks.length) {
      earlyChunks = Arrays.copyOf(earlyChunks, earlyChunkCount * 2);
    }
    earlyChunks[earlyChunkCount++] = t;
  }

  private void count(long t) {
    long offset = t - origin;
    if (offset < 0) {
      return; // before the first successful send: outside vLLM's buckets
    }
    long second = offset / SECOND;
    if (second < firstSecond) {
      return; // only after an overflow settled that second early
    }
    long index = second - firstSecond;
    if (index >= seconds.length) {
      seconds = Arrays.copyOf(seconds, (int) Math.max(index + 1, seconds.length * 2L));
    }
    long c = ++seconds[(int) index];
    peakPerSecond = Math.max(peakPerSecond, c);
  }

  /** Forgets the seconds before {@code second} (their counts can no longer grow). */
  private void settleSecondsBefore(long second) {
    if (second <= firstSecond) {
      return;
    }
    long drop = second - firstSecond;
    if (drop >= seconds.length) {
      Arrays.fill(seconds, 0);
    } else {
      int keep = seconds.length - (int) drop;
      System.arraycopy(seconds, (int) drop, seconds, 0, keep);
      Arrays.fill(seconds, keep, seconds.length, 0);
    }
    firstSecond = second;
  }

  /** The overflow valve: settles the oldest pending events as if the watermark had moved past them. */
  private void settleOldest() {
    if (origin == NONE) {
      advance(originCandidate + 1);
    }
    while (concurrency.pending() > PENDING_LIMIT / 2) {
      advance(concurrency.earliestPending() + SECOND);
    }
  }
}
