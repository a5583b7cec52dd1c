package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GatlingEnterpriseTest {
  private static final List<String> MAVEN_FORK =
      List.of("-cp", "x.jar", "io.gatling.app.Gatling", "-s", "S", "-rf", "/p/target/gatling");

  @Test
  void theUsersWordWins() {
    assertTrue(GatlingEnterprise.detected("true", null, MAVEN_FORK, "io.gatling.app.Gatling -rf /p/target/gatling"));
    assertFalse(GatlingEnterprise.detected(" FALSE ", null, List.of(), ""));
  }

  @Test
  void autoMeansNoResultsFolderAnywhereOnTheCommandLine() {
    assertFalse(GatlingEnterprise.detected(null, null, MAVEN_FORK, ""));
    assertFalse(GatlingEnterprise.detected("auto", null, List.of("--results-folder=/r"), ""));
    assertFalse(GatlingEnterprise.detected(null, null, List.of(), "io.gatling.app.Gatling --results-folder /r s"));
    assertFalse(GatlingEnterprise.detected(null, "/r", List.of(), ""), "llm.resultsDir: a local in-process run");
    assertTrue(GatlingEnterprise.detected(null, null, List.of("-cp", "pkg.jar", "io.gatling.app.Gatling"), "x"));
    assertTrue(GatlingEnterprise.detected("auto", " ", List.of(), ""));
  }

  @Test
  void mavensBooterAndMavensOwnJvmAreOpenSourceRunsThoughTheirResultsFolderIsNotOnTheCommandLine() {
    // mvn gatling:test forks `java -jar gatlingbooter123.jar io.gatling.app.Gatling`: -rf is inside the jar
    List<String> booter = List.of("-jar", "/tmp/gatlingbooter123.jar", "io.gatling.app.Gatling");
    assertFalse(GatlingEnterprise.detected(null, null, booter, "/tmp/gatlingbooter123.jar io.gatling.app.Gatling"));
    assertFalse(GatlingEnterprise.detected(null, null, List.of(),
        "org.codehaus.plexus.classworlds.launcher.Launcher gatling:test"), "fork=false: inside Maven's JVM");
  }

  @Test
  void aMisspeltValueIsRefusedNamingTheProperty() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GatlingEnterprise.detected("yes", null, List.of(), ""));
    assertTrue(e.getMessage().contains("-Dllm.enterprise='yes'"), e.getMessage());
    assertTrue(e.getMessage().contains("true, false or auto"), e.getMessage());
  }
}
