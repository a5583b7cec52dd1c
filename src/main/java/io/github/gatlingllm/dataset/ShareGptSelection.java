package io.github.gatlingllm.dataset;

import java.util.List;

/** The requests chosen from a ShareGPT file, how they were chosen, the report line and notes. */
public record ShareGptSelection(
    List<DatasetRequest> requests, ShareGptCounts counts, String report, List<String> notes) {

  public ShareGptSelection {
    requests = List.copyOf(requests);
    notes = List.copyOf(notes);
  }

  public LoadedDataset asLoaded() {
    return new LoadedDataset(requests, report, notes);
  }
}
