package io.github.gatlingllm.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link Recompute} checks before merging the {@code llm-requests.csv} files of several injectors into one run:
 * that they are one run (the {@code run_id} each injector wrote into the {@code llm-summary.json} next to its CSV),
 * that their clocks agree (their run origins, wall-clock times, within a tolerance: the merged time line trusts
 * them), and that no request id appears twice (an injector misconfigured with another's index would pass the run id
 * check). Files without a saved run id (plugins before fleets, or a CSV copied alone) skip the run id and request id
 * checks: their generators all numbered their requests from 1.
 */
final class MergeChecks {
  /** A failed check; the message names the files. */
  static final class MergeException extends Exception {
    MergeException(String message) {
      super(message);
    }
  }

  static final Duration DEFAULT_CLOCK_TOLERANCE = Duration.ofSeconds(60);

  private MergeChecks() {}

  /**
   * Checks the files (nothing to check with one); returns notes for the console (checks skipped and why).
   *
   * @throws MergeException when the files are not one run, naming the files at fault
   */
  static List<String> check(List<Path> files, Duration clockTolerance) throws IOException, MergeException {
    if (files.size() < 2) {
      return List.of();
    }
    List<String> notes = new ArrayList<>();
    clocks(files, clockTolerance);
    Map<Path, String> runIds = new LinkedHashMap<>();
    for (Path file : files) {
      runIds.put(file, runId(file).orElse(null));
    }
    if (runIds.values().stream().allMatch(id -> id == null)) {
      notes.add("No run id next to the files (no llm-summary.json with run_id): not checked that they are one run,"
          + " nor that their request ids are distinct");
      return notes;
    }
    sameRunId(runIds);
    distinctRequestIds(files);
    return notes;
  }

  /** The {@code run_id} saved in the {@code llm-summary.json} next to {@code csv}, if any. */
  static Optional<String> runId(Path csv) throws IOException {
    return SavedRunDescription.summaryNextTo(csv)
        .map(root -> root.path("run_id"))
        .filter(JsonNode::isTextual)
        .map(JsonNode::asText);
  }

  private static void sameRunId(Map<Path, String> runIds) throws MergeException {
    if (runIds.values().stream().distinct().count() > 1) {
      StringBuilder sb = new StringBuilder("The files are not one run: their run ids differ (llm.runId must be the"
          + " same on every injector of a fleet):");
      runIds.forEach((file, id) -> sb.append("\n  ").append(file).append(": ").append(id == null ? "no run id" : id));
      throw new MergeException(sb.toString());
    }
  }

  private static void clocks(List<Path> files, Duration tolerance) throws IOException, MergeException {
    Path earliest = null;
    Path latest = null;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (Path file : files) {
      long origin = RequestCsvReader.originOf(file);
      if (origin == Long.MAX_VALUE) {
        continue; // no row: nothing to place on the time line
      }
      if (origin < min) {
        min = origin;
        earliest = file;
      }
      if (origin > max) {
        max = origin;
        latest = file;
      }
    }
    if (earliest != null && max - min > tolerance.toMillis()) {
      throw new MergeException(
          "The files' run origins are " + (max - min) / 1000.0 + " s apart, more than the"
              + " clock tolerance of " + tolerance.toMillis() / 1000.0 + " s: " + earliest + " starts at "
              + Instant.ofEpochMilli(min) + ", " + latest + " at " + Instant.ofEpochMilli(max) + ". Either the injectors"
              + " did not run together or their clocks disagree (sync them with NTP); --clock-tolerance=DURATION"
              + " accepts a wider gap");
    }
  }

  /** One pass over each file, keeping each request id once (8 bytes of id and a small entry per request). */
  private static void distinctRequestIds(List<Path> files) throws IOException, MergeException {
    Map<Long, Integer> seen = new HashMap<>();
    for (int i = 0; i < files.size(); i++) {
      int file = i;
      long[] duplicate = {-1};
      int[] firstFile = {-1};
      RequestCsvReader.stream(List.of(files.get(i)), r -> {
        Integer before = seen.putIfAbsent(r.requestId(), file);
        if (before != null && duplicate[0] < 0) {
          duplicate[0] = r.requestId();
          firstFile[0] = before;
        }
      });
      if (duplicate[0] >= 0) {
        String where =
            firstFile[0] == file
                ? "twice in " + files.get(file)
                : "in " + files.get(firstFile[0]) + " and in " + files.get(file);
        throw new MergeException(
            "Request id " + duplicate[0] + " appears " + where + ": the injectors of a fleet number their requests"
                + " apart (llm.injectorIndex must differ, with one llm.injectorCount)");
      }
    }
  }
}
