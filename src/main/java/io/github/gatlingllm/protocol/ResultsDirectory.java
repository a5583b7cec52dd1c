package io.github.gatlingllm.protocol;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where Gatling may have put this run's folder. In Gatling 3.15.1 the results directory is only ever the
 * {@code -rf}/{@code --results-folder} argument of {@code io.gatling.app.Gatling} (gatling.conf has no such setting any
 * more, and without the argument Gatling refuses to write {@code simulation.log}); Gatling keeps that argument to
 * itself, so the plugin reads it back from this JVM's command line.
 *
 * <p>This only lists candidates: the run folder is the candidate holding {@code <runId>/simulation.log} for this run's
 * exact id ({@link GatlingRunId}), so a wrong or extra candidate is harmless. Most specific first:
 *
 * <ol>
 *   <li>{@code -Dllm.resultsDir}: for launchers that run Gatling inside another JVM (the Maven plugin with
 *       {@code <fork>false</fork>}, an IDE main calling Gatling), whose command line does not hold the folder;
 *   <li>the value after {@code -rf}/{@code --results-folder} in the JVM's exact arguments (Linux and macOS give them
 *       one by one, so a path with spaces is kept whole);
 *   <li>the same from {@code sun.java.command}, which joins the arguments with spaces: every way of re-joining the
 *       words after the option is a candidate, so a path with spaces is found there too;
 *   <li>{@code target/gatling}, the Maven and Gradle plugins' default.
 * </ol>
 */
public final class ResultsDirectory {
  public static final String PROPERTY = "llm.resultsDir";

  private static final List<String> OPTIONS = List.of("-rf", "--results-folder");

  private ResultsDirectory() {}

  /** The candidates for this JVM. */
  public static List<Path> candidates() {
    List<String> arguments = ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
    return candidates(System.getProperty(PROPERTY), arguments, System.getProperty("sun.java.command", ""));
  }

  static List<Path> candidates(String explicit, List<String> arguments, String javaCommand) {
    Set<Path> found = new LinkedHashSet<>();
    if (explicit != null && !explicit.isBlank()) {
      found.add(Path.of(explicit.trim()));
    }
    for (String value : optionValues(arguments)) {
      addPath(found, value);
    }
    for (String value : joinedOptionValues(javaCommand)) {
      addPath(found, value);
    }
    found.add(Path.of("target", "gatling"));
    return List.copyOf(found);
  }

  /** The values of the option in an exact argument list: {@code -rf DIR}, {@code --results-folder=DIR}. */
  static List<String> optionValues(List<String> arguments) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (OPTIONS.contains(argument) && i + 1 < arguments.size()) {
        values.add(arguments.get(i + 1));
      } else {
        inlineValue(argument).ifPresent(values::add);
      }
    }
    return values;
  }

  /**
   * The possible values of the option in a space-joined command line: after {@code -rf}, the next word, the next two
   * words joined by a space, and so on (a path may hold spaces, and the joined line no longer says where it ends).
   */
  static List<String> joinedOptionValues(String javaCommand) {
    String[] words = javaCommand.split(" ", -1);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < words.length; i++) {
      String start;
      if (OPTIONS.contains(words[i]) && i + 1 < words.length) {
        start = words[++i];
      } else {
        Optional<String> inline = inlineValue(words[i]);
        if (inline.isEmpty()) {
          continue;
        }
        start = inline.get();
      }
      StringBuilder value = new StringBuilder(start);
      values.add(value.toString());
      for (int j = i + 1; j < words.length; j++) {
        values.add(value.append(' ').append(words[j]).toString());
      }
    }
    return values;
  }

  private static Optional<String> inlineValue(String argument) {
    for (String option : OPTIONS) {
      if (argument.startsWith(option + "=")) {
        return Optional.of(argument.substring(option.length() + 1));
      }
    }
    return Optional.empty();
  }

  private static void addPath(Set<Path> found, String value) {
    if (value.isBlank()) {
      return;
    }
    try {
      found.add(Path.of(value.trim()));
    } catch (InvalidPathException e) {
      // a re-joined piece of the command line that is no path: only a candidate, so skip it
    }
  }
}
