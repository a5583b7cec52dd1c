package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultsDirectoryTest {
  @Test
  void readsTheResultsFolderFromGatlingsCommandLine() {
    assertEquals(
        Optional.of(Path.of("/p/target/gatling")),
        ResultsDirectory.fromCommandLine(
            "io.gatling.app.Gatling --simulation a.B --results-folder /p/target/gatling --launcher maven"));
    assertEquals(Optional.of(Path.of("out")), ResultsDirectory.fromCommandLine("io.gatling.app.Gatling -s a.B -rf out"));
    assertEquals(Optional.empty(), ResultsDirectory.fromCommandLine("io.gatling.app.Gatling -s a.B"));
  }
}
