package io.github.gatlingllm.protocol;

import io.github.gatlingllm.metrics.MetricsRecorder;
import io.github.gatlingllm.report.DroppedRows;
import io.github.gatlingllm.report.FolderLookup;
import io.github.gatlingllm.report.FormattedRequestFile;
import io.github.gatlingllm.report.RecordFileWriter;
import io.github.gatlingllm.report.RequestCsvWriter;
import io.github.gatlingllm.report.RequestJsonlWriter;
import io.github.gatlingllm.report.RequestFileFormat;
import io.github.gatlingllm.report.RunOrigin;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's per-request files, filled as requests finish: {@code llm-requests.csv} (always),
 * {@code llm-requests.jsonl} ({@code logRequests}) and the simulation's own formats. Each listens to the recorder;
 * the end of the run closes them once the requests it cancelled are in them, and counts what they dropped.
 */
final class RequestFiles {
  private static final Logger LOG = LoggerFactory.getLogger(RequestFiles.class);

  /** By file name, in the order opened. */
  private final Map<String, RecordFileWriter> files = new LinkedHashMap<>();

  private RequestFiles() {}

  /** Opens the files {@code report} asks for in the run folder and registers them with {@code recorder}. */
  static RequestFiles open(MetricsRecorder recorder, FolderLookup runFolder, RunOrigin origin, ReportSettings report) {
    RequestFiles opened = new RequestFiles();
    opened.add(recorder, RequestCsvWriter.FILE_NAME, RequestCsvWriter.inFolder(runFolder, origin));
    if (report.logRequests()) {
      opened.add(recorder, RequestJsonlWriter.FILE_NAME, RequestJsonlWriter.inFolder(runFolder, origin));
    }
    for (RequestFileFormat format : report.requestFiles()) {
      FormattedRequestFile file = FormattedRequestFile.inFolder(runFolder, origin, format);
      opened.add(recorder, file.fileName(), file);
    }
    return opened;
  }

  private void add(MetricsRecorder recorder, String name, RecordFileWriter file) {
    // The run's end closes the files once the requests it cancels are in them, not the writers' own shutdown hook.
    file.closedByOwnerOnExit();
    files.put(name, file);
    recorder.addListener(file);
  }

  /**
   * Drains and closes the files, so they are complete before the summary is written; returns the lines that did not
   * make it (for {@code dropped_rows} in the summary).
   */
  DroppedRows close() {
    DroppedRows dropped = new DroppedRows();
    files.forEach(
        (name, file) -> {
          file.close();
          dropped.add(name, file.dropped());
          if (file.dropped() > 0) {
            LOG.warn("{} lines could not be written to {}", file.dropped(), name);
          }
        });
    return dropped;
  }
}
