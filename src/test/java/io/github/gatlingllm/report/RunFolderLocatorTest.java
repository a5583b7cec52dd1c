package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderLocatorTest {
  @TempDir Path tmp;

  private Path runFolder(Path results, String runId) throws Exception {
    Path folder = Files.createDirectories(results.resolve(runId));
    Files.writeString(folder.resolve(RunFolderLocator.SIMULATION_LOG), "");
    return folder.toAbsolutePath();
  }

  @Test
  void theRunIdNamesTheFolderInTheFirstResultsDirectoryHoldingIt() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b c");
    runFolder(a, "sim-20250101120000001");
    Path mine = runFolder(b, "sim-20250101120000000");
    Files.createDirectories(a.resolve("sim-20250101120000000")); // no simulation.log: not a run folder

    assertEquals(
        Optional.of(mine), RunFolderLocator.byRunId("sim-20250101120000000", List.of(tmp.resolve("absent"), a, b)));
    assertEquals(Optional.empty(), RunFolderLocator.byRunId("sim-20250101120000002", List.of(a, b)));
  }

  @Test
  void theOpenLogIsTakenOnlyWhenItIsTheOnlyOneOrNamedByTheRunId() throws Exception {
    Path results = tmp.resolve("results with space");
    Path first = runFolder(results, "sim-20250101120000000");
    Path second = runFolder(results, "sim-20250101120000001");
    Path fd = Files.createDirectories(tmp.resolve("fd"));
    Files.createSymbolicLink(fd.resolve("3"), first.resolve(RunFolderLocator.SIMULATION_LOG));
    Files.createSymbolicLink(fd.resolve("4"), tmp.resolve("some.jar"));

    assertEquals(Optional.of(first), RunFolderLocator.byOpenLog(fd, null));
    assertEquals(Optional.of(first), RunFolderLocator.byOpenLog(fd, "sim-20250101120000000"));
    assertEquals(Optional.empty(), RunFolderLocator.byOpenLog(fd, "sim-20250101120000001"));

    Files.createSymbolicLink(fd.resolve("5"), second.resolve(RunFolderLocator.SIMULATION_LOG));
    assertEquals(Optional.empty(), RunFolderLocator.byOpenLog(fd, null), "two open logs: which one would be a guess");
    assertEquals(Optional.of(second), RunFolderLocator.byOpenLog(fd, "sim-20250101120000001"));
    assertEquals(Optional.empty(), RunFolderLocator.byOpenLog(tmp.resolve("not-linux"), null));
  }
}
