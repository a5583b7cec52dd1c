package io.github.gatlingllm.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * vLLM's two peaks computed as requests finish, with a watermark, against a brute-force computation over the whole
 * list: the same numbers, while holding only what reaches past the watermark.
 */
class StreamingPeaksTest {
  private static final long MS = 1_000_000L;

  /** Random overlapping requests: starts spread over 60 s, 1 to 3000 ms long, 1 to 40 chunks. */
  private static List<RequestRecord> requests(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<RequestRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long start = random.nextLong(60_000) * MS + random.nextLong(MS);
      RequestRecord r = new RequestRecord("r");
      r.origin("s", i, i + 1);
      r.intended(start);
      r.sent(start);
      long t = start;
      int chunks = 1 + random.nextInt(40);
      for (int c = 0; c < chunks; c++) {
        t += random.nextLong(1, 3000 * MS / chunks);
        r.chunk(t);
      }
      r.ended(t);
      out.add(r);
    }
    return out;
  }

  private static int bruteConcurrency(List<RequestRecord> rs) {
    int peak = 0;
    for (RequestRecord a : rs) {
      int n = 0;
      for (RequestRecord b : rs) {
        if (b.sendNanos() <= a.sendNanos() && a.sendNanos() < b.lastChunkNanos()) {
          n++;
        }
      }
      peak = Math.max(peak, n);
    }
    return peak;
  }

  private static long bruteChunksPerSecond(List<RequestRecord> rs) {
    long origin = rs.stream().mapToLong(RequestRecord::sendNanos).min().orElseThrow();
    long[] buckets = new long[1000];
    for (RequestRecord r : rs) {
      for (int i = 0; i < r.chunkCount(); i++) {
        buckets[(int) ((r.chunkNanos(i) - origin) / 1_000_000_000L)]++;
      }
    }
    return Arrays.stream(buckets).max().orElseThrow();
  }

  @Test
  void inFinishingOrderWithAWatermarkTheyEqualTheWholeListsPeaks() {
    List<RequestRecord> rs = requests(2_000, 7);
    // A live run hands requests over as they finish; the watermark is the earliest start still in flight.
    List<RequestRecord> byEnd = new ArrayList<>(rs);
    byEnd.sort(Comparator.comparingLong(RequestRecord::lastChunkNanos));
    StreamingPeaks peaks = new StreamingPeaks();
    int mostPending = 0;
    for (int i = 0; i < byEnd.size(); i++) {
      RequestRecord done = byEnd.get(i);
      peaks.add(done);
      long now = done.lastChunkNanos();
      long watermark = now;
      for (int j = i + 1; j < byEnd.size(); j++) {
        RequestRecord later = byEnd.get(j);
        if (later.sendNanos() < now) {
          watermark = Math.min(watermark, later.sendNanos()); // in flight at this instant
        }
      }
      peaks.advance(watermark);
      mostPending = Math.max(mostPending, peaks.pendingEvents());
    }
    peaks.advance(Long.MAX_VALUE);
    assertEquals(bruteConcurrency(rs), peaks.peakConcurrency());
    assertEquals(bruteChunksPerSecond(rs), peaks.peakChunksPerSecond());
    assertTrue(peaks.exact());
    assertTrue(mostPending < 400, "held only what overlaps the requests in flight, not the run: " + mostPending);
  }

  @Test
  void backToBackRequestsDoNotOverlap() {
    RequestRecord a = new RequestRecord("a");
    a.sent(0);
    a.chunk(10 * MS);
    RequestRecord b = new RequestRecord("b");
    b.sent(10 * MS);
    b.chunk(20 * MS);
    StreamingPeaks peaks = new StreamingPeaks();
    peaks.add(b);
    peaks.add(a);
    peaks.advance(Long.MAX_VALUE);
    assertEquals(1, peaks.peakConcurrency());
  }
}
