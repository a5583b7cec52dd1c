package io.github.gatlingllm.bench.fast;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The truth one event loop keeps about what it did: primitive counters and histograms written by that loop's thread
 * only (no lock, no allocation per chunk: HdrHistogram records into a preallocated array). A snapshot is taken on the
 * loop itself ({@link #copy()}) and merged off it ({@link #add}), so readers never race the writer.
 *
 * <p>Timing figures (first chunks, TTFT, gaps, lateness) cover measured requests only (after the warm-ups); the
 * counters of connections, requests and bytes cover everything, warm-ups and the harness's own calls included.
 * Histograms are in nanoseconds with 3 significant digits: a percentile is within 0.1 % of the exact value.
 */
final class LoopStats {
  private static final long HIGHEST_NANOS = 3_600_000_000_000L; // 1 hour
  private static final long LOWEST_NANOS = 1_000L; // 1 µs resolution is far below what is measured

  long connectionsAccepted;
  long connectionsClosed;
  long requestsTotal;
  long requests;
  long bytesRead;
  long bytesWritten;
  long chunks;
  long firstChunks;
  /** Sum of first-chunk flush times, relative to the server's origin (absolute nanoTimes would overflow a long). */
  long firstChunkSumNanos;
  final Histogram ttft = histogram();
  final Histogram gaps = histogram();
  final Histogram lateness = histogram();

  private static Histogram histogram() {
    return new Histogram(LOWEST_NANOS, HIGHEST_NANOS, 3);
  }

  /** Clamped so that an outlier beyond the range cannot throw on the event loop. */
  static void record(Histogram h, long nanos) {
    h.recordValue(Math.max(0, Math.min(nanos, HIGHEST_NANOS)));
  }

  LoopStats copy() {
    LoopStats c = new LoopStats();
    c.add(this);
    return c;
  }

  void add(LoopStats o) {
    connectionsAccepted += o.connectionsAccepted;
    connectionsClosed += o.connectionsClosed;
    requestsTotal += o.requestsTotal;
    requests += o.requests;
    bytesRead += o.bytesRead;
    bytesWritten += o.bytesWritten;
    chunks += o.chunks;
    firstChunks += o.firstChunks;
    firstChunkSumNanos += o.firstChunkSumNanos;
    ttft.add(o.ttft);
    gaps.add(o.gaps);
    lateness.add(o.lateness);
  }

  /** Zeroes the timing truth and the counters (connections still open stay open: their count restarts at 0). */
  void reset() {
    connectionsAccepted = 0;
    connectionsClosed = 0;
    requestsTotal = 0;
    requests = 0;
    bytesRead = 0;
    bytesWritten = 0;
    chunks = 0;
    firstChunks = 0;
    firstChunkSumNanos = 0;
    ttft.reset();
    gaps.reset();
    lateness.reset();
  }

  /**
   * The merged truth as JSON. {@code mean_first_chunk_nanotime} is absolute {@code System.nanoTime()} (the client
   * JVM's clock too), for the wire TTFT.
   */
  String json(long originNanos, String transport, int threads, FastServerOptions options) {
    StringBuilder b = new StringBuilder(1024);
    b.append('{');
    field(b, "transport", '"' + transport + '"');
    field(b, "threads", threads);
    field(b, "ttft_ms_setting", options.ttftMs());
    field(b, "itl_ms_setting", options.itlMs());
    field(b, "tokens", options.tokens());
    field(b, "connections_accepted", connectionsAccepted);
    field(b, "connections_closed", connectionsClosed);
    field(b, "requests_total", requestsTotal);
    field(b, "requests", requests);
    field(b, "bytes_read", bytesRead);
    field(b, "bytes_written", bytesWritten);
    field(b, "chunks", chunks);
    field(b, "first_chunks", firstChunks);
    field(b, "mean_first_chunk_nanotime",
        firstChunks == 0 ? "null" : Long.toString(originNanos + Math.round((double) firstChunkSumNanos / firstChunks)));
    b.append("\"ttft_ms\":").append(summary(ttft)).append(',');
    b.append("\"itl_ms\":").append(summary(gaps)).append(',');
    b.append("\"lateness_ms\":").append(summary(lateness));
    return b.append('}').toString();
  }

  private static String summary(Histogram h) {
    if (h.getTotalCount() == 0) {
      return "{\"count\":0}";
    }
    return String.format(
        Locale.ROOT,
        "{\"count\":%d,\"mean\":%.4f,\"median\":%.4f,\"p90\":%.4f,\"p99\":%.4f,\"p999\":%.4f,\"max\":%.4f}",
        h.getTotalCount(),
        h.getMean() / 1e6,
        h.getValueAtPercentile(50) / 1e6,
        h.getValueAtPercentile(90) / 1e6,
        h.getValueAtPercentile(99) / 1e6,
        h.getValueAtPercentile(99.9) / 1e6,
        h.getMaxValue() / 1e6);
  }

  private static void field(StringBuilder b, String name, Object value) {
    b.append('"').append(name).append("\":").append(value).append(',');
  }
}
