package io.github.gatlingllm.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the Gatling run folder ({@code <results>/<simulation>-<timestamp>/}, holding {@code simulation.log}) that the
 * current run wrote.
 *
 * <p>A folder qualifies when its {@code simulation.log} was last written at or after the given time. The folder's own
 * creation time would be fragile (Gatling may create it before the plugin first sees the run, and Linux file systems
 * do not always report creation times), whereas Gatling writes the log until the load ends, so its modification time
 * follows any moment the plugin can observe during the run. Among qualifying folders the most
 * recently written wins (ties: the greatest name, whose timestamp suffix sorts by time).
 */
public final class RunFolderLocator {
  public static final String SIMULATION_LOG = "simulation.log";

  private RunFolderLocator() {}

  public static Optional<Path> newest(Path resultsDir, long notBeforeEpochMillis) throws IOException {
    if (!Files.isDirectory(resultsDir)) {
      return Optional.empty();
    }
    try (Stream<Path> children = Files.list(resultsDir)) {
      return children
          .filter(Files::isDirectory)
          .map(RunFolderLocator::candidate)
          .flatMap(Optional::stream)
          .filter(c -> c.logMillis >= notBeforeEpochMillis)
          .max(Comparator.comparingLong((Candidate c) -> c.logMillis)
              .thenComparing(c -> c.folder.getFileName().toString()))
          .map(c -> c.folder);
    }
  }

  private record Candidate(Path folder, long logMillis) {}

  private static Optional<Candidate> candidate(Path folder) {
    Path log = folder.resolve(SIMULATION_LOG);
    try {
      if (!Files.isRegularFile(log)) {
        return Optional.empty();
      }
      return Optional.of(new Candidate(folder, Files.getLastModifiedTime(log).toMillis()));
    } catch (IOException e) {
      return Optional.empty(); // a folder being deleted meanwhile is not ours
    }
  }
}
