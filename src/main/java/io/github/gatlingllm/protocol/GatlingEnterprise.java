package io.github.gatlingllm.protocol;

import java.util.List;
import java.util.Locale;

/**
 * Whether this JVM is a Gatling Enterprise load generator, where the run is judged by Gatling's assertions and the
 * plugin must never replace the JVM's exit status.
 *
 * <p>Gatling Enterprise sets no documented system property or environment variable that says so (its docs list only
 * the properties a user sets as "load generator parameters"). What it does do: it runs the package with its own,
 * closed builds of Gatling's components, which report to Enterprise rather than to a local {@code simulation.log}
 * (Gatling 3.15.1's {@code io.gatling.app.Gatling} and {@code RunResultProcessor} carry the stripped {@code [e]}
 * hooks), and no project folder exists. Every open-source launcher (Maven, Gradle and sbt plugins, the bundle's
 * scripts) gives Gatling a results folder, without which open-source Gatling refuses to start its file writer, but
 * not always on the command line: the Maven plugin (and the bundle, which runs through it) forks {@code java -jar
 * gatlingbooter*.jar} whose arguments, {@code -rf} included, sit in the booter's {@code META-INF/args.txt}; with
 * {@code fork=false} Gatling runs inside Maven's own JVM. Hence, in order:
 *
 * <ol>
 *   <li>{@code -Dllm.enterprise=true|false}: the user's word, set as a load generator parameter of the Enterprise test
 *       (or {@code false} for a local launcher that runs Gatling in-process without that argument);
 *   <li>otherwise Enterprise when neither {@code -Dllm.resultsDir} nor a results-folder argument is on the command
 *       line.
 * </ol>
 */
public final class GatlingEnterprise {
  public static final String PROPERTY = "llm.enterprise";

  private GatlingEnterprise() {}

  /** The Maven plugin's booter jar carries Gatling's arguments here, on the forked JVM's class path. */
  static final String MAVEN_BOOTER_ARGUMENTS = "META-INF/args.txt";

  /** Whether this JVM runs on Gatling Enterprise. */
  public static boolean detected() {
    List<String> arguments = ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
    String javaCommand = System.getProperty("sun.java.command", "");
    if (ClassLoader.getSystemResource(MAVEN_BOOTER_ARGUMENTS) != null) {
      // mvn gatling:test (or the bundle): its -rf is in the booter jar, not on the command line.
      javaCommand = javaCommand + " --results-folder (from the Maven booter)";
    }
    return detected(System.getProperty(PROPERTY), System.getProperty(ResultsDirectory.PROPERTY), arguments, javaCommand);
  }

  static boolean detected(String property, String resultsDir, List<String> arguments, String javaCommand) {
    if (property != null && !property.isBlank()) {
      String value = property.trim().toLowerCase(Locale.ROOT);
      return switch (value) {
        case "true" -> true;
        case "false" -> false;
        case "auto" -> auto(resultsDir, arguments, javaCommand);
        default -> throw new IllegalArgumentException(
            "Invalid -D" + PROPERTY + "='" + property + "': expected true, false or auto");
      };
    }
    return auto(resultsDir, arguments, javaCommand);
  }

  private static boolean auto(String resultsDir, List<String> arguments, String javaCommand) {
    boolean explicitFolder = resultsDir != null && !resultsDir.isBlank();
    return !explicitFolder
        && !javaCommand.contains("gatlingbooter")
        && !javaCommand.contains(MAVEN_IN_PROCESS)
        && ResultsDirectory.optionValues(arguments).isEmpty()
        && ResultsDirectory.joinedOptionValues(javaCommand).isEmpty();
  }

  /** Maven's own launcher: Gatling run inside Maven's JVM ({@code fork=false}), an open-source run. */
  static final String MAVEN_IN_PROCESS = "org.codehaus.plexus.classworlds.launcher.Launcher";
}
