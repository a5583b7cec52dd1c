package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatling.core.actor.ActorSystem;
import io.github.gatlingllm.report.RunFolderLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each run finds its own Gatling folder, from Gatling's real stats engine, whatever else the results folder holds. */
class ThisRunFolderTest {
  private static final long START = 1_700_000_000_123L; // 2023-11-14 22:13:20.123 UTC

  private final ActorSystem system = new ActorSystem();

  @TempDir Path tmp;

  @AfterEach
  void stop() {
    system.close();
  }

  private static ThisRunFolder folderOf(GatlingStatsEngines.Run run, List<Path> resultsDirs, Path openFiles) {
    return new ThisRunFolder(GatlingRunId.of(run.engine()).orElseThrow(), () -> resultsDirs, openFiles);
  }

  @Test
  void twoRunsOfOneSimulationStartedInTheSameSecondEachFindTheirOwnFolder() throws Exception {
    Path results = tmp.resolve("results");
    Path noOpenFiles = tmp.resolve("no-proc");
    try (GatlingStatsEngines.Run first =
            GatlingStatsEngines.start(system, GatlingStatsEngines.message("servingbenchmark", START), results);
        GatlingStatsEngines.Run second =
            GatlingStatsEngines.start(system, GatlingStatsEngines.message("servingbenchmark", START + 1), results)) {
      Path firstFolder = results.resolve("servingbenchmark-20231114221320123").toAbsolutePath();
      Path secondFolder = results.resolve("servingbenchmark-20231114221320124").toAbsolutePath();
      // The other run's log written last: a guess from file times would pick it for both.
      Files.setLastModifiedTime(secondFolder.resolve("simulation.log"), FileTime.fromMillis(START + 60_000));
      Files.setLastModifiedTime(firstFolder.resolve("simulation.log"), FileTime.fromMillis(START));

      assertEquals(Optional.of(firstFolder), folderOf(first, List.of(results), noOpenFiles).find());
      assertEquals(Optional.of(secondFolder), folderOf(second, List.of(results), noOpenFiles).find());
    }
  }

  @Test
  void aResultsFolderWithSpacesIsFoundFromTheSpaceJoinedCommandLine() throws Exception {
    Path results = tmp.resolve("my load tests/results dir");
    try (GatlingStatsEngines.Run run =
        GatlingStatsEngines.start(system, GatlingStatsEngines.message("chatsimulation", START), results)) {
      String javaCommand =
          "io.gatling.app.Gatling --simulation a.ChatSimulation --results-folder " + results + " --launcher maven";
      List<Path> candidates = ResultsDirectory.candidates(null, List.of(), javaCommand);

      Optional<Path> found = folderOf(run, candidates, tmp.resolve("no-proc")).find();

      assertEquals(Optional.of(results.resolve("chatsimulation-20231114221320123").toAbsolutePath()), found);
    }
  }

  @Test
  void aResultsFolderNamedNowhereTheCommandLineShowsIsFoundThroughTheLogGatlingHoldsOpen() throws Exception {
    // E.g. Gatling started inside another JVM (an IDE, Maven without fork) with its own results folder. (Gatling
    // 3.15.1 reads no results folder from gatling.conf: the -rf argument is its only source.)
    assumeTrue(Files.isDirectory(RunFolderLocator.OPEN_FILES), "Linux only: /proc/self/fd");
    Path results = tmp.resolve("somewhere else");
    try (GatlingStatsEngines.Run run =
        GatlingStatsEngines.start(system, GatlingStatsEngines.message("servingbenchmark", START), results)) {
      Optional<Path> found = folderOf(run, List.of(tmp.resolve("wrong")), RunFolderLocator.OPEN_FILES).find();

      Path expected = results.resolve("servingbenchmark-20231114221320123").toRealPath();
      assertEquals(Optional.of(expected), found.map(ThisRunFolderTest::real));
    }
  }

  @Test
  void aFolderNotFoundIsNotGuessedAndTheMessageSaysWhatWasLookedFor() throws Exception {
    Path results = tmp.resolve("results");
    // Another run's folder, written just now, is there: it must not be taken.
    Files.createDirectories(results.resolve("servingbenchmark-20231114221320999"));
    Files.writeString(results.resolve("servingbenchmark-20231114221320999/simulation.log"), "");
    ThisRunFolder mine =
        new ThisRunFolder("servingbenchmark-20231114221320123", () -> List.of(results), tmp.resolve("no-proc"));

    assertEquals(Optional.empty(), mine.find());
    assertTrue(mine.describe().contains("servingbenchmark-20231114221320123"), mine.describe());
    assertTrue(mine.describe().contains("-Dllm.resultsDir="), mine.describe());

    ThisRunFolder unknown = new ThisRunFolder(null, () -> List.of(results), tmp.resolve("no-proc"));
    assertEquals(Optional.empty(), unknown.find());
    assertTrue(unknown.describe().contains("run id could not be read"), unknown.describe());
  }

  @Test
  void onceFoundTheFolderIsKept() throws Exception {
    Path results = tmp.resolve("results");
    Path folder = Files.createDirectories(results.resolve("servingbenchmark-20231114221320123"));
    Files.writeString(folder.resolve("simulation.log"), "");
    ThisRunFolder mine =
        new ThisRunFolder("servingbenchmark-20231114221320123", () -> List.of(results), tmp.resolve("no-proc"));
    assertEquals(Optional.of(folder.toAbsolutePath()), mine.find());

    Files.delete(folder.resolve("simulation.log")); // e.g. a user tidying up during the run
    assertEquals(Optional.of(folder.toAbsolutePath()), mine.find());
  }

  private static Path real(Path path) {
    try {
      return path.toRealPath();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
