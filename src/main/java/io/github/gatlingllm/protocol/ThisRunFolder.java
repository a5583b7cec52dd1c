package io.github.gatlingllm.protocol;

import io.gatling.core.stats.StatsEngine;
import io.github.gatlingllm.report.FolderLookup;
import io.github.gatlingllm.report.RunFolderLocator;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * This run's Gatling run folder, identified from what Gatling knows about this run and nothing else, so that runs
 * sharing a results folder never write into each other's folders:
 *
 * <ol>
 *   <li>the folder named after Gatling's id for this run ({@link GatlingRunId}) under one of the candidate results
 *       directories ({@link ResultsDirectory}): exact on every platform, whatever the results directory's path;
 *   <li>else, on Linux, the folder of the {@code simulation.log} this JVM holds open (of that name, when the id is
 *       known): exact even when the results directory appears nowhere on the command line.
 * </ol>
 *
 * <p>Nothing else: no folder is guessed from file times. When neither finds it, the per-request files are not written
 * (their rows are counted as dropped, and the summary says so) rather than written into a folder that may be another
 * run's. Found once, then kept.
 */
final class ThisRunFolder implements FolderLookup {
  private final String runId;
  private final Supplier<List<Path>> resultsDirs;
  private final Path openFiles;
  private volatile Path found;

  ThisRunFolder(String runId, Supplier<List<Path>> resultsDirs, Path openFiles) {
    this.runId = runId;
    this.resultsDirs = resultsDirs;
    this.openFiles = openFiles;
  }

  /** The folder of the run whose stats engine this is, looked for in this JVM's candidates. */
  static ThisRunFolder of(StatsEngine statsEngine) {
    return new ThisRunFolder(
        GatlingRunId.of(statsEngine).orElse(null), ResultsDirectory::candidates, RunFolderLocator.OPEN_FILES);
  }

  /** Gatling's id for this run, or null when it could not be read. */
  String runId() {
    return runId;
  }

  @Override
  public Optional<Path> find() {
    Path known = found;
    if (known != null) {
      return Optional.of(known);
    }
    Optional<Path> folder = runId == null ? Optional.empty() : RunFolderLocator.byRunId(runId, resultsDirs.get());
    if (folder.isEmpty()) {
      folder = RunFolderLocator.byOpenLog(openFiles, runId);
    }
    folder.ifPresent(f -> found = f);
    return folder;
  }

  @Override
  public String describe() {
    if (runId == null) {
      return "this run's Gatling folder (Gatling's run id could not be read from its stats engine, and no single open "
          + RunFolderLocator.SIMULATION_LOG + " was found)";
    }
    List<Path> dirs = resultsDirs.get().stream().map(p -> p.toAbsolutePath().normalize()).toList();
    return "this run's Gatling folder '" + runId + "' (looked in " + dirs
        + "; set -D" + ResultsDirectory.PROPERTY + "=<Gatling's results folder> when Gatling runs inside another JVM)";
  }
}
