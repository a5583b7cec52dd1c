package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.RequestRecord;
import java.util.Objects;

/** A {@link RequestFileFormat} streamed into the run folder as requests finish (see {@link RecordFileWriter}). */
public final class FormattedRequestFile extends RecordFileWriter {
  private final RequestFileFormat format;

  private FormattedRequestFile(RequestFileFormat format, AsyncLineWriter<RequestRecord> lines) {
    super(lines);
    this.format = format;
  }

  /** Writes {@code format}'s file into a folder that may not exist yet (see {@link RequestCsvWriter#inFolder}). */
  public static FormattedRequestFile inFolder(FolderLookup folder, RunOrigin origin, RequestFileFormat format) {
    Objects.requireNonNull(origin, "origin");
    AsyncLineWriter<RequestRecord> lines =
        new AsyncLineWriter<>(
            format.fileName(),
            RequestCsvWriter.opener(folder, format.fileName()),
            format.header(),
            (r, line) -> format.appendRow(r, origin, line),
            AsyncLineWriter.DEFAULT_CAPACITY);
    return new FormattedRequestFile(format, lines);
  }

  public String fileName() {
    return format.fileName();
  }

  @Override
  public void onRecord(RequestRecord record) {
    if (format.accepts(record)) {
      super.onRecord(record);
    }
  }
}
