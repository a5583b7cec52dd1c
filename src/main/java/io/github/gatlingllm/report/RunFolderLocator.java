package io.github.gatlingllm.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a Gatling run folder ({@code <results>/<runId>/}, holding {@code simulation.log}) from facts that belong to
 * exactly one run, never from file times: two runs writing into one results folder at the same moment each find their
 * own.
 *
 * <ul>
 *   <li>{@link #byRunId}: Gatling names the folder after the run id ({@code <simulation id>-<start, to the
 *       millisecond>}) and creates it, with an empty {@code simulation.log}, before the plugin's components exist.
 *   <li>{@link #byOpenLog}: on Linux, {@code /proc/self/fd} lists the files this process holds open, and Gatling holds
 *       its {@code simulation.log} open from the run's start to the end of the load. Needs no results folder at all.
 * </ul>
 */
public final class RunFolderLocator {
  public static final String SIMULATION_LOG = "simulation.log";

  /** Where Linux lists this process's open files as symbolic links. */
  public static final Path OPEN_FILES = Path.of("/proc/self/fd");

  private RunFolderLocator() {}

  /** The first {@code <dir>/<runId>} holding a {@code simulation.log}, over {@code resultsDirs} in order. */
  public static Optional<Path> byRunId(String runId, List<Path> resultsDirs) {
    for (Path dir : resultsDirs) {
      Path folder = dir.resolve(runId);
      if (Files.isRegularFile(folder.resolve(SIMULATION_LOG))) {
        return Optional.of(folder.toAbsolutePath().normalize());
      }
    }
    return Optional.empty();
  }

  /**
   * The folder of the one {@code simulation.log} this process holds open, listed in {@code openFiles} (normally
   * {@link #OPEN_FILES}); when {@code runId} is given, only a folder of that name counts. Empty when the listing does
   * not exist (not Linux), or when it shows no such file or several (which one would be a guess).
   */
  public static Optional<Path> byOpenLog(Path openFiles, String runId) {
    if (!Files.isDirectory(openFiles)) {
      return Optional.empty();
    }
    Set<Path> folders = new LinkedHashSet<>();
    try (DirectoryStream<Path> links = Files.newDirectoryStream(openFiles)) {
      for (Path link : links) {
        target(link)
            .filter(file -> file.getFileName() != null && file.getFileName().toString().equals(SIMULATION_LOG))
            .map(Path::getParent)
            .filter(folder -> folder != null && (runId == null || folder.getFileName().toString().equals(runId)))
            .filter(Files::isDirectory) // a deleted file's link ends with " (deleted)"
            .ifPresent(folders::add);
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // the listing changes as files open and close; not being able to read it is no answer
    }
    return folders.size() == 1 ? Optional.of(folders.iterator().next()) : Optional.empty();
  }

  private static Optional<Path> target(Path link) {
    try {
      return Optional.of(Files.readSymbolicLink(link));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty(); // closed meanwhile, or not a link
    }
  }
}
