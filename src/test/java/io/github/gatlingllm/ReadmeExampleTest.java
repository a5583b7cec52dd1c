package io.github.gatlingllm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The README's "write your own simulation" example is {@code src/test/java/MyLlmTest.java}, character for character:
 * so the example compiles with the build, and {@code LoadDescriptionIT} runs it as it is written.
 */
class ReadmeExampleTest {
  @Test
  void theReadmeExampleIsTheCompiledAndTestedSimulation() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("```java\n") + "```java\n".length();
    String example = readme.substring(start, readme.indexOf("\n```", start));
    assertEquals(Files.readString(Path.of("src/test/java/MyLlmTest.java")).strip(), example.strip());
  }
}
