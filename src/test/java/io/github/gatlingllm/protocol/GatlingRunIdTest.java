package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.core.actor.ActorSystem;
import io.gatling.core.stats.DataWritersStatsEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the run id out of Gatling's own stats engine and data writer classes, built as Gatling 3.15.1 builds them: if
 * a Gatling upgrade moves the id, this fails rather than the plugin silently losing its files.
 */
class GatlingRunIdTest {
  private final ActorSystem system = new ActorSystem();

  @TempDir Path results;

  @AfterEach
  void stop() {
    system.close();
  }

  @Test
  void readsTheRunIdThatNamesTheFolderGatlingCreated() throws Exception {
    try (GatlingStatsEngines.Run run =
        GatlingStatsEngines.start(system, GatlingStatsEngines.message("servingbenchmark", 1_700_000_000_123L), results)) {
      assertEquals(Optional.of("servingbenchmark-20231114221320123"), GatlingRunId.of(run.engine()));
      assertTrue(Files.isRegularFile(results.resolve("servingbenchmark-20231114221320123/simulation.log")));
    }
  }

  @Test
  void aStatsEngineWithoutGatlingsDataWritersHasNoRunId() {
    assertEquals(Optional.empty(), GatlingRunId.of(null));
    DataWritersStatsEngine noWriters =
        new DataWritersStatsEngine(
            scala.collection.immutable.List$.MODULE$.empty(), system, System::currentTimeMillis);
    assertEquals(Optional.empty(), GatlingRunId.of(noWriters));
  }
}
