package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.RequestRecord;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Streams {@code llm-requests.csv} (layout: {@link RequestCsvFormat}) while the run goes on: one row per measured
 * request, appended as it finishes. Register it with {@code MetricsRecorder.addListener}; {@link #onRecord} only
 * queues the record (lock-free, never blocks) and a background thread formats and writes it, flushing after every
 * batch, so that a killed run keeps the rows of the requests finished before the kill. See {@link AsyncLineWriter}.
 */
public final class RequestCsvWriter extends RecordFileWriter {
  public static final String FILE_NAME = "llm-requests.csv";


  /** Creates (or truncates) the file and writes its header. */
  public RequestCsvWriter(Path file, RunOrigin origin) throws IOException {
    this(file.getFileName().toString(), open(file), origin, AsyncLineWriter.DEFAULT_CAPACITY);
  }

  /** Writes to any sink (tests: a slow one), with the given bound on queued rows. */
  RequestCsvWriter(String name, Writer sink, RunOrigin origin, int capacity) {
    this(name, () -> sink, origin, capacity);
  }

  private RequestCsvWriter(String name, AsyncLineWriter.SinkOpener opener, RunOrigin origin, int capacity) {
    super(new AsyncLineWriter<>(name, opener, RequestCsvFormat.header(), rowFormat(origin), capacity));
  }

  /** Appends {@code r}'s row (no line end) to {@code line}, as the writer thread does: for warming that code up. */
  public static void formatRow(RequestRecord r, RunOrigin origin, StringBuilder line) {
    RequestCsvFormat.appendRow(r, origin, line);
  }

  private static AsyncLineWriter.LineFormat<RequestRecord> rowFormat(RunOrigin origin) {
    Objects.requireNonNull(origin, "origin");
    return (r, line) -> RequestCsvFormat.appendRow(r, origin, line);
  }

  /**
   * Writes {@link #FILE_NAME} into a folder that may not exist yet (Gatling creates its run folder as the run starts):
   * the writer thread looks for it every few tens of milliseconds and queues rows meanwhile, so that no caller ever
   * waits for the lookup. If it still is not found on {@link #close()}, the rows are dropped (counted, logged).
   */
  public static RequestCsvWriter inFolder(FolderLookup folder, RunOrigin origin) {
    return new RequestCsvWriter(FILE_NAME, opener(folder, FILE_NAME), origin, AsyncLineWriter.DEFAULT_CAPACITY);
  }

  static AsyncLineWriter.SinkOpener opener(FolderLookup folder, String fileName) {
    Objects.requireNonNull(folder, "folder");
    return () -> {
      Optional<Path> found = folder.find();
      return found.isPresent() ? open(found.get().resolve(fileName)) : null;
    };
  }

  static Writer open(Path file) throws IOException {
    return SyncedFile.open(file);
  }






}
