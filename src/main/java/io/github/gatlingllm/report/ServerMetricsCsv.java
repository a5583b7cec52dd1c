package io.github.gatlingllm.report;

import io.github.gatlingllm.servermetrics.ServerSample;

/**
 * {@code server-metrics.csv}: one row per series per scrape ({@code time_ms,series,value}), streamed into the run
 * folder by an {@link AsyncLineWriter} as scrapes come, so that an interrupted run keeps what was sampled.
 */
public final class ServerMetricsCsv implements AutoCloseable {
  public static final String FILE_NAME = "server-metrics.csv";
  static final String HEADER = "time_ms,series,value";

  private final AsyncLineWriter<ServerSample> lines;

  private ServerMetricsCsv(AsyncLineWriter<ServerSample> lines) {
    this.lines = lines;
  }

  /** Writes into a folder that may not exist yet (see {@link RequestCsvWriter#inFolder}). */
  public static ServerMetricsCsv inFolder(FolderLookup folder) {
    return new ServerMetricsCsv(
        new AsyncLineWriter<>(
            FILE_NAME,
            RequestCsvWriter.opener(folder, FILE_NAME),
            HEADER,
            ServerMetricsCsv::row,
            AsyncLineWriter.DEFAULT_CAPACITY));
  }

  static void row(ServerSample s, StringBuilder line) {
    line.append(s.timeMs()).append(',').append(s.series()).append(',').append(PythonFormat.repr(s.value()));
  }

  /** Queues one row; never blocks. */
  public void add(ServerSample sample) {
    lines.offer(sample);
  }

  public long dropped() {
    return lines.dropped();
  }

  @Override
  public void close() {
    lines.close();
  }
}
