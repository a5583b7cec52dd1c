package io.github.gatlingllm.dataset;

import java.io.PrintStream;
import java.util.List;

/**
 * Requests read from a dataset file, a one-line report of how they were chosen, and notes on anything a user should
 * know (oversampling, cycling); {@link #print} shows both before the load.
 */
public record LoadedDataset(List<DatasetRequest> requests, String report, List<String> notes) {

  public LoadedDataset {
    requests = List.copyOf(requests);
    notes = List.copyOf(notes);
  }

  /** The report line, then each note. */
  public void print(PrintStream out) {
    out.println(report);
    notes.forEach(note -> out.println("note: " + note));
  }
}
