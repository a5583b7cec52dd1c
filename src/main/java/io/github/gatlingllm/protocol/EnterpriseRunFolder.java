package io.github.gatlingllm.protocol;

import io.github.gatlingllm.report.FolderLookup;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * This run's folder on a Gatling Enterprise load generator, where Gatling writes no run folder: one the plugin creates
 * under the writable folder {@code -Dllm.resultsDir} names, so that llm-requests.csv (for {@code Recompute}) and
 * llm-summary.json are kept on the load generator's disk. Named after Gatling's run id when known, else the time;
 * created atomically with a {@code -2}, {@code -3}, ... suffix when taken, so load generators sharing one mounted folder
 * never write into each other's. Created on first use (a writer thread, never an event loop), then kept.
 */
final class EnterpriseRunFolder implements FolderLookup {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");
  private static final int MAX_SUFFIX = 1_000;

  private final Path parent;
  private final String name;
  private Path created;

  EnterpriseRunFolder(Path parent, String name) {
    this.parent = parent;
    this.name = name;
  }

  /**
   * {@code gatlingFolder} unless this JVM runs on Gatling Enterprise with {@code -Dllm.resultsDir} set, in which case
   * a folder of the plugin's own there.
   */
  static FolderLookup choose(ThisRunFolder gatlingFolder) {
    String dir = System.getProperty(ResultsDirectory.PROPERTY);
    if (dir == null || dir.isBlank() || !GatlingEnterprise.detected()) {
      return gatlingFolder;
    }
    String id = gatlingFolder.runId();
    return new EnterpriseRunFolder(
        Path.of(dir.trim()), id != null ? id : "gatling-llm-" + LocalDateTime.now().format(TIME));
  }

  @Override
  public synchronized Optional<Path> find() throws IOException {
    if (created == null) {
      created = create();
    }
    return Optional.of(created);
  }

  private Path create() throws IOException {
    Files.createDirectories(parent);
    for (int i = 1; i <= MAX_SUFFIX; i++) {
      Path folder = parent.resolve(i == 1 ? name : name + "-" + i);
      try {
        return Files.createDirectory(folder).toAbsolutePath().normalize();
      } catch (FileAlreadyExistsException taken) {
        // another load generator's (or an earlier run's): try the next name
      }
    }
    throw new IOException("No free folder name for '" + name + "' in " + parent + " after " + MAX_SUFFIX + " tries");
  }

  @Override
  public String describe() {
    return "a folder '" + name + "' of this run's own in " + parent.toAbsolutePath().normalize()
        + " (-D" + ResultsDirectory.PROPERTY + " on Gatling Enterprise)";
  }
}
