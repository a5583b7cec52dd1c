package io.github.gatlingllm.report.chart;

import io.github.gatlingllm.metrics.RequestRecord;
import java.util.Arrays;
import java.util.List;

/**
 * Requests in flight over time: every request that was sent (failed ones too: they held a connection and a server
 * slot), over the half-open interval {@code [send, end)}, ends before starts on equal times as in the summary's peak.
 *
 * @param mean time-weighted average in flight over each bucket
 * @param peak most in flight at any instant of each bucket
 */
public record InFlight(double[] mean, int[] peak) {

  public static InFlight compute(List<RequestRecord> records, TimeBuckets axis) {
    int b = axis.count();
    long width = axis.widthNanos();
    // Time covered within each partial bucket, plus a difference array counting the buckets a request fully covers:
    // O(requests + buckets) however long the requests are.
    double[] covered = new double[b];
    int[] fullDiff = new int[b + 1];
    int n = 0;
    long[] starts = new long[records.size()];
    long[] ends = new long[records.size()];
    for (RequestRecord r : records) {
      long s = r.sendNanos();
      long e = r.lastActivityNanos();
      if (s == RequestRecord.NONE || e == RequestRecord.NONE || e <= s) {
        continue;
      }
      starts[n] = s;
      ends[n] = e;
      n++;
      int bs = axis.index(s);
      int be = axis.index(e);
      if (bs == be) {
        covered[bs] += e - s;
      } else {
        covered[bs] += axis.bucketStart(bs) + width - s;
        covered[be] += Math.min(e, axis.bucketStart(be) + width) - axis.bucketStart(be);
        fullDiff[bs + 1]++;
        fullDiff[be]--;
      }
    }
    double[] mean = new double[b];
    int full = 0;
    for (int i = 0; i < b; i++) {
      full += fullDiff[i];
      mean[i] = (covered[i] + (double) full * width) / width;
    }
    return new InFlight(mean, peaks(Arrays.copyOf(starts, n), Arrays.copyOf(ends, n), axis));
  }

  /**
   * The count in flight only rises at a start, so its maximum over a bucket is reached either at the bucket's start
   * or at a start inside it; at time t it is (starts at or before t) - (ends at or before t).
   */
  private static int[] peaks(long[] starts, long[] ends, TimeBuckets axis) {
    Arrays.sort(starts);
    Arrays.sort(ends);
    int[] peak = new int[axis.count()];
    for (int i = 0; i < peak.length; i++) {
      peak[i] = inFlightAt(axis.bucketStart(i), starts, ends);
    }
    int e = 0;
    for (int s = 0; s < starts.length; s++) {
      long t = starts[s];
      if (s + 1 < starts.length && starts[s + 1] == t) {
        continue; // the last of equal starts sees them all
      }
      while (e < ends.length && ends[e] <= t) {
        e++;
      }
      int bucket = axis.index(t);
      peak[bucket] = Math.max(peak[bucket], s + 1 - e);
    }
    return peak;
  }

  private static int inFlightAt(long t, long[] starts, long[] ends) {
    return upperBound(starts, t) - upperBound(ends, t);
  }

  /** How many values are {@code <= t}. */
  private static int upperBound(long[] sorted, long t) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
