package io.github.gatlingllm.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a folder that may not exist yet, e.g. this run's Gatling run folder. Called on a writer thread, never on an
 * event loop, so it may touch the disk.
 */
@FunctionalInterface
public interface FolderLookup {
  Optional<Path> find() throws IOException;

  /** What was looked for and where, for the message that says the folder was not found. */
  default String describe() {
    return "the run folder";
  }
}
