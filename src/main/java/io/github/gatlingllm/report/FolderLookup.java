package io.github.gatlingllm.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a folder that may not exist yet, e.g. the Gatling run folder:
 * {@code () -> RunFolderLocator.newest(resultsDir, startEpochMillis - 2_000)}. Called on a writer thread, never on an
 * event loop, so it may touch the disk.
 */
@FunctionalInterface
public interface FolderLookup {
  Optional<Path> find() throws IOException;
}
