package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderLocatorTest {
  private static final long START = 1_700_000_000_000L;

  private static Path run(Path results, String name, long logMillis) throws Exception {
    Path folder = Files.createDirectories(results.resolve(name));
    Path log = Files.writeString(folder.resolve("simulation.log"), "binary");
    Files.setLastModifiedTime(log, FileTime.fromMillis(logMillis));
    return folder;
  }

  @Test
  void newestFolderWrittenSinceTheStartWins(@TempDir Path results) throws Exception {
    run(results, "servingbenchmark-20231114221000000", START - 60_000); // an earlier run
    run(results, "servingbenchmark-20231114221320000", START + 1_000);
    Path newest = run(results, "otherbenchmark-20231114221325000", START + 5_000);
    Files.createDirectories(results.resolve("no-log-folder")); // not a run folder
    Files.writeString(results.resolve("stray.txt"), "x");
    assertEquals(Optional.of(newest), RunFolderLocator.newest(results, START));
  }

  @Test
  void theStartTimeItselfCounts(@TempDir Path results) throws Exception {
    Path exact = run(results, "sim-20231114221320000", START);
    assertEquals(Optional.of(exact), RunFolderLocator.newest(results, START));
  }

  @Test
  void equalTimesAreDecidedByTheLaterTimestampInTheName(@TempDir Path results) throws Exception {
    run(results, "sim-20231114221320000", START + 10);
    Path later = run(results, "sim-20231114221321000", START + 10);
    assertEquals(Optional.of(later), RunFolderLocator.newest(results, START));
  }

  @Test
  void nothingWhenNoRunIsRecentOrTheFolderIsMissing(@TempDir Path results) throws Exception {
    run(results, "sim-20231114221000000", START - 1);
    assertEquals(Optional.empty(), RunFolderLocator.newest(results, START));
    assertEquals(Optional.empty(), RunFolderLocator.newest(results.resolve("absent"), START));
  }
}
