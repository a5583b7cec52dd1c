package io.github.gatlingllm.dataset;

import java.io.PrintStream;
import java.util.List;

/**
 * A trace made ready to replay: its requests (prompts of the trace's lengths, sharing what the trace shares), when to
 * send each ({@link TraceSchedule}, aligned with the requests), a one-line report and notes (sorting, skipped rows,
 * windowing) that {@link #print} shows before the load.
 */
public record TraceDataset(List<DatasetRequest> requests, TraceSchedule schedule, String report, List<String> notes) {

  public TraceDataset {
    requests = List.copyOf(requests);
    notes = List.copyOf(notes);
    if (requests.size() != schedule.size()) {
      throw new IllegalArgumentException(
          requests.size() + " requests for " + schedule.size() + " send times: they must be aligned");
    }
  }

  /** The report line, then each note. */
  public void print(PrintStream out) {
    new LoadedDataset(requests, report, notes).print(out);
  }
}
