package io.github.gatlingllm.report.chart;

import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.IntervalSweep;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RunSpan;
import io.github.gatlingllm.metrics.TokenCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The "over time" charts' series, kept as requests finish: output tokens, requests in flight (time-weighted mean and
 * peak), client queue time and failures by label, in buckets of one second from a fixed origin. The buckets are
 * widened (two merged into one) whenever there would be more than {@link #MAX_BUCKETS}, so that a day-long run costs
 * the same memory as a short one; the charts then read them on a {@link TimeBuckets} axis of at most
 * {@link TimeBuckets#MAX_BUCKETS} points, whose width is a multiple of the recorder's.
 *
 * <ul>
 *   <li>Output tokens: each successful request's output tokens spread evenly over its chunks, each chunk counted in
 *       the bucket where it arrived (one token per chunk: vLLM's chunk count per second).
 *   <li>In flight: every request that was sent, failed ones too (they held a connection and a server slot), over
 *       {@code [send, end)}, ends before starts on equal times; the peak of a bucket is the most in flight at any
 *       instant of it, from an exact sweep that only passes times no unfinished request can start before
 *       ({@link #advance}).
 *   <li>Queue time: per bucket of <em>arrival</em> (intended start), the mean and largest wait before the send.
 *   <li>Failures: per bucket where each failed request ended, by error label; cancelled requests are not failures.
 * </ul>
 *
 * <p>Single writer, like {@code RunStatistics}.
 */
public final class TimelineRecorder {
  /** Most buckets kept: past this, pairs are merged and the width doubles. */
  static final int MAX_BUCKETS = 4096;

  private final long origin;
  private long width = TimeBuckets.SECOND;
  private int used;
  private double[] tokens = new double[64];
  private double[] coveredNanos = new double[64];
  private int[] peak = new int[64];
  private double[] queueSum = new double[64];
  private double[] queueMax = new double[64];
  private long[] queueCount = new long[64];
  private final Map<String, long[]> errors = new TreeMap<>();
  private final Map<String, Long> errorTotals = new TreeMap<>();
  private boolean anyQueued;
  private final IntervalSweep inFlight = new IntervalSweep(this::inFlightEvent);
  /** The sweep's position: the time of its last event, and the count in flight since then. */
  private long sweptTo = Long.MIN_VALUE;
  private int sweptCount;

  /** @param origin the {@link System#nanoTime()} of bucket 0's start: no request may start before it */
  public TimelineRecorder(long origin) {
    this.origin = origin;
  }

  /** A recorder over a finished list of requests, from their first intended start (tests, recomputations). */
  public static TimelineRecorder of(List<RequestRecord> records) {
    RunSpan span = RunSpan.of(records);
    TimelineRecorder recorder = new TimelineRecorder(span.isEmpty() ? 0 : span.startNanos());
    for (RequestRecord r : records) {
      recorder.add(r);
    }
    recorder.advance(Long.MAX_VALUE);
    return recorder;
  }

  public void add(RequestRecord r) {
    long send = r.sendNanos();
    long end = r.lastActivityNanos();
    if (send != RequestRecord.NONE && end != RequestRecord.NONE && end > send) {
      inFlight.add(send, end);
      cover(send, end);
    }
    if (send != RequestRecord.NONE) {
      double ms = r.queueNanos() / 1e6;
      int i = bucket(r.intendedNanos());
      queueMax[i] = queueCount[i] == 0 ? ms : Math.max(queueMax[i], ms);
      queueSum[i] += ms;
      queueCount[i]++;
      anyQueued |= ms >= QueueTime.NOTICEABLE_MS;
    }
    if (r.success()) {
      int out = TokenCounts.outputTokens(r);
      if (out > 0) {
        double perChunk = (double) out / r.chunkCount();
        for (int c = 0; c < r.chunkCount(); c++) {
          tokens[bucket(r.chunkNanos(c))] += perChunk;
        }
      }
    } else if (r.error() != ErrorCategory.CANCELLED) {
      long at = end != RequestRecord.NONE ? end : r.intendedNanos();
      if (at != RequestRecord.NONE) {
        String label = r.errorLabel();
        int i = bucket(at);
        errors.computeIfAbsent(label, k -> new long[tokens.length])[i]++;
        errorTotals.merge(label, 1L, Long::sum);
      }
    }
  }

  /** Sweeps the in-flight counts up to {@code watermark}: no request added later was sent before it. */
  public void advance(long watermark) {
    inFlight.advance(watermark);
  }

  /** The axis over a run's span: whole buckets of this recorder, at most {@link TimeBuckets#MAX_BUCKETS} of them. */
  public TimeBuckets axis(RunSpan span) {
    if (span.isEmpty()) {
      return new TimeBuckets(origin, width, 1);
    }
    long first = Math.max(0, Math.floorDiv(span.startNanos() - origin, width));
    long start = origin + first * width;
    long length = span.endNanos() - start;
    long factor = length / ((long) TimeBuckets.MAX_BUCKETS * width) + 1;
    long axisWidth = factor * width;
    return new TimeBuckets(start, axisWidth, (int) (length / axisWidth + 1));
  }

  /** Output tokens per second in each bucket of {@code axis}. */
  public double[] outputTokensPerSecond(TimeBuckets axis) {
    double[] out = sum(tokens, axis);
    double seconds = axis.widthSeconds();
    for (int i = 0; i < out.length; i++) {
      out[i] /= seconds;
    }
    return out;
  }

  public InFlight inFlight(TimeBuckets axis) {
    double[] covered = sum(coveredNanos, axis);
    double[] mean = new double[axis.count()];
    int[] peaks = new int[axis.count()];
    int factor = factor(axis);
    long offset = offset(axis);
    for (int i = 0; i < axis.count(); i++) {
      mean[i] = covered[i] / axis.widthNanos();
      for (int k = 0; k < factor; k++) {
        long b = offset + (long) i * factor + k;
        if (b >= 0 && b < used) {
          peaks[i] = Math.max(peaks[i], peak[(int) b]);
        }
      }
    }
    return new InFlight(mean, peaks);
  }

  public QueueTime queueTime(TimeBuckets axis) {
    double[] sum = sum(queueSum, axis);
    double[] mean = new double[axis.count()];
    double[] max = new double[axis.count()];
    int factor = factor(axis);
    long offset = offset(axis);
    for (int i = 0; i < axis.count(); i++) {
      long count = 0;
      double m = Double.NaN;
      for (int k = 0; k < factor; k++) {
        long b = offset + (long) i * factor + k;
        if (b >= 0 && b < used && queueCount[(int) b] > 0) {
          count += queueCount[(int) b];
          m = Double.isNaN(m) ? queueMax[(int) b] : Math.max(m, queueMax[(int) b]);
        }
      }
      mean[i] = count == 0 ? Double.NaN : sum[i] / count;
      max[i] = m;
    }
    return new QueueTime(mean, max, anyQueued);
  }

  public ErrorTimeline errors(TimeBuckets axis) {
    List<String> labels = new ArrayList<>(errors.keySet());
    labels.sort(Comparator.comparing((String l) -> -errorTotals.get(l)).thenComparing(Comparator.naturalOrder()));
    Map<String, double[]> rates = new LinkedHashMap<>();
    for (String label : labels) {
      long[] counts = errors.get(label);
      double[] asDouble = new double[counts.length];
      for (int i = 0; i < counts.length; i++) {
        asDouble[i] = counts[i];
      }
      double[] rate = sum(asDouble, axis);
      for (int i = 0; i < rate.length; i++) {
        rate[i] /= axis.widthSeconds();
      }
      rates.put(label, rate);
    }
    return new ErrorTimeline(List.copyOf(labels), List.copyOf(rates.values()));
  }

  // ---------------------------------------------------------------- buckets

  private void inFlightEvent(long time, boolean start, int overlapping) {
    int b = bucket(time);
    // Buckets the sweep entered since its last event start with the count carried over from it; the event's own
    // bucket too, unless the event sits exactly on its start (then the count there is the one after the event).
    int from = sweptTo == Long.MIN_VALUE ? b : bucket(sweptTo) + 1;
    for (int i = from; i <= b; i++) {
      if (i < b || bucketStart(b) < time) {
        peak[i] = Math.max(peak[i], sweptCount);
      }
    }
    if (start) {
      peak[b] = Math.max(peak[b], overlapping);
    }
    sweptTo = time;
    sweptCount = overlapping;
  }

  /** Adds the time {@code [s, e)} covers to each bucket it spans. */
  private void cover(long s, long e) {
    int first = bucket(s);
    int last = bucket(e);
    if (first == last) {
      coveredNanos[first] += e - s;
      return;
    }
    coveredNanos[first] += bucketStart(first) + width - s;
    for (int i = first + 1; i < last; i++) {
      coveredNanos[i] += width;
    }
    coveredNanos[last] += e - bucketStart(last);
  }

  /** The bucket of time {@code t}, growing (and if need be widening) the buckets to hold it. */
  private int bucket(long t) {
    long i = Math.max(0, Math.floorDiv(t - origin, width));
    while (i >= MAX_BUCKETS) {
      widen();
      i = Math.max(0, Math.floorDiv(t - origin, width));
    }
    if (i >= tokens.length) {
      grow((int) Math.min(MAX_BUCKETS, Math.max(i + 1, tokens.length * 2L)));
    }
    used = Math.max(used, (int) i + 1);
    return (int) i;
  }

  private long bucketStart(int i) {
    return origin + i * width;
  }

  private void grow(int size) {
    tokens = Arrays.copyOf(tokens, size);
    coveredNanos = Arrays.copyOf(coveredNanos, size);
    peak = Arrays.copyOf(peak, size);
    queueSum = Arrays.copyOf(queueSum, size);
    queueMax = Arrays.copyOf(queueMax, size);
    queueCount = Arrays.copyOf(queueCount, size);
    errors.replaceAll((label, counts) -> Arrays.copyOf(counts, size));
  }

  /** Merges bucket pairs: the width doubles, and so does the time the same memory covers. */
  private void widen() {
    for (int i = 0; i < (used + 1) / 2; i++) {
      int a = 2 * i;
      int b = a + 1;
      boolean hasB = b < used;
      tokens[i] = tokens[a] + (hasB ? tokens[b] : 0);
      coveredNanos[i] = coveredNanos[a] + (hasB ? coveredNanos[b] : 0);
      peak[i] = Math.max(peak[a], hasB ? peak[b] : 0);
      long countA = queueCount[a];
      long countB = hasB ? queueCount[b] : 0;
      queueSum[i] = queueSum[a] + (hasB ? queueSum[b] : 0);
      queueMax[i] =
          countA == 0 ? (countB == 0 ? 0 : queueMax[b]) : countB == 0 ? queueMax[a] : Math.max(queueMax[a], queueMax[b]);
      queueCount[i] = countA + countB;
      for (long[] counts : errors.values()) {
        counts[i] = counts[a] + (hasB ? counts[b] : 0);
      }
    }
    int half = (used + 1) / 2;
    clearFrom(half);
    used = half;
    width *= 2;
  }

  private void clearFrom(int from) {
    Arrays.fill(tokens, from, tokens.length, 0);
    Arrays.fill(coveredNanos, from, coveredNanos.length, 0);
    Arrays.fill(peak, from, peak.length, 0);
    Arrays.fill(queueSum, from, queueSum.length, 0);
    Arrays.fill(queueMax, from, queueMax.length, 0);
    Arrays.fill(queueCount, from, queueCount.length, 0);
    for (long[] counts : errors.values()) {
      Arrays.fill(counts, from, counts.length, 0);
    }
  }

  /** How many of this recorder's buckets make one of {@code axis}. */
  private int factor(TimeBuckets axis) {
    return (int) Math.max(1, axis.widthNanos() / width);
  }

  private long offset(TimeBuckets axis) {
    return Math.floorDiv(axis.origin() - origin, width);
  }

  /** The sums of {@code values} over each bucket of {@code axis}. */
  private double[] sum(double[] values, TimeBuckets axis) {
    double[] out = new double[axis.count()];
    int factor = factor(axis);
    long offset = offset(axis);
    for (int i = 0; i < axis.count(); i++) {
      for (int k = 0; k < factor; k++) {
        long b = offset + (long) i * factor + k;
        if (b >= 0 && b < used && b < values.length) {
          out[i] += values[(int) b];
        }
      }
    }
    return out;
  }
}
