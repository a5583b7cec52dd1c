package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsDirectoryTest {
  private static final Path MAVEN_DEFAULT = Path.of("target", "gatling");

  @Test
  void exactArgumentsGiveTheResultsFolderWholeEvenWithSpaces() {
    List<String> arguments =
        List.of("-cp", "x.jar", "io.gatling.app.Gatling", "--simulation", "a.B", "--results-folder", "/p/my results",
            "--launcher", "maven");
    assertEquals(
        List.of(Path.of("/p/my results"), MAVEN_DEFAULT), ResultsDirectory.candidates(null, arguments, ""));
    assertEquals(List.of("out"), ResultsDirectory.optionValues(List.of("-s", "a.B", "-rf", "out")));
    assertEquals(List.of("out"), ResultsDirectory.optionValues(List.of("--results-folder=out")));
    assertEquals(List.of(), ResultsDirectory.optionValues(List.of("-s", "a.B", "-rf")));
  }

  @Test
  void aSpaceJoinedCommandLineGivesEveryRejoinedPathAsACandidate() {
    String command = "io.gatling.app.Gatling --simulation a.B --results-folder /p/my results --launcher maven";
    List<Path> candidates = ResultsDirectory.candidates(null, List.of(), command);
    assertEquals(Path.of("/p/my"), candidates.get(0));
    assertTrue(candidates.contains(Path.of("/p/my results")), candidates.toString());
    assertEquals(MAVEN_DEFAULT, candidates.get(candidates.size() - 1));
    assertEquals(List.of("out"), ResultsDirectory.joinedOptionValues("io.gatling.app.Gatling -s a.B -rf out"));
    assertEquals(List.of(), ResultsDirectory.joinedOptionValues("io.gatling.app.Gatling -s a.B"));
  }

  @Test
  void theExplicitPropertyComesFirstAndTheMavenDefaultLast() {
    List<Path> candidates =
        ResultsDirectory.candidates(" /elsewhere ", List.of("-rf", "/p/target/gatling"), "Gatling -rf /p/target/gatling");
    assertEquals(List.of(Path.of("/elsewhere"), Path.of("/p/target/gatling"), MAVEN_DEFAULT), candidates);
  }
}
