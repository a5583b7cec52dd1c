package io.github.gatlingllm.protocol;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where Gatling writes its run folders. Gatling keeps the folder given on its command line to itself, so it is found
 * the way a user would: {@code -Dllm.resultsDir}, else the {@code -rf}/{@code --results-folder} argument of this JVM's
 * command line (what the Maven, Gradle and sbt plugins pass), else {@code target/gatling}.
 */
public final class ResultsDirectory {
  public static final String PROPERTY = "llm.resultsDir";

  private ResultsDirectory() {}

  public static Path resolve() {
    String explicit = System.getProperty(PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    return fromCommandLine(System.getProperty("sun.java.command", "")).orElse(Path.of("target", "gatling"));
  }

  /** Finds the value after {@code -rf} or {@code --results-folder} in a space-separated command line. */
  static Optional<Path> fromCommandLine(String commandLine) {
    String[] words = commandLine.split(" ");
    for (int i = 0; i < words.length - 1; i++) {
      if (words[i].equals("-rf") || words[i].equals("--results-folder")) {
        return Optional.of(Path.of(words[i + 1]));
      }
    }
    for (String word : words) {
      if (word.startsWith("--results-folder=")) {
        return Optional.of(Path.of(word.substring("--results-folder=".length())));
      }
    }
    return Optional.empty();
  }
}
