package io.github.gatlingllm.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dataset specs resolve to a file on disk, else to a copy of a classpath resource (as on Gatling Enterprise). */
class DatasetFileTest {
  private static final String EXPECTED = "a test format";

  @TempDir Path dir;

  /** A class loader holding only {@code name} (as the shaded jar holds the datasets) with {@code content}. */
  private URLClassLoader classpathWith(String name, String content) throws IOException {
    Path root = Files.createDirectories(dir.resolve("classpath"));
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
  }

  @Test
  void aFileOnDiskIsReturnedAsIs() throws IOException {
    Path file = Files.writeString(dir.resolve("mine.json"), "[]");
    assertEquals(file, DatasetFile.resolve(file.toString(), EXPECTED));
    assertEquals(Path.of("datasets/ipex-prompt.json"), DatasetFile.resolve("datasets/ipex-prompt.json", EXPECTED));
  }

  @Test
  void aRelativePathMissingFromTheWorkingDirectoryIsFoundOnTheClasspathWithoutDatasetsFolder() throws IOException {
    try (URLClassLoader loader = classpathWith("only-on-classpath.json", "{\"a\": 1}")) {
      Path copy = DatasetFile.resolve("datasets/only-on-classpath.json", EXPECTED, loader);
      assertEquals("{\"a\": 1}", Files.readString(copy));
      assertTrue(copy.getFileName().toString().endsWith("-only-on-classpath.json"), copy.toString());
      assertSame(copy, DatasetFile.resolve("classpath:only-on-classpath.json", EXPECTED, loader), "copied once");
    }
  }

  @Test
  void aRelativePathIsAlsoTriedAsGiven() throws IOException {
    try (URLClassLoader loader = classpathWith("datasets/nested/kept.jsonl", "{}\n")) {
      assertEquals("{}\n", Files.readString(DatasetFile.resolve("./datasets/nested/kept.jsonl", EXPECTED, loader)));
    }
  }

  @Test
  void classpathSpecsReadTheShippedSamples() throws IOException {
    byte[] shipped = Files.readAllBytes(Path.of("datasets/ipex-prompt.json"));
    assertArrayEquals(shipped, Files.readAllBytes(DatasetFile.resolve("classpath:ipex-prompt.json", EXPECTED)));
    assertArrayEquals(shipped, Files.readAllBytes(DatasetFile.resolve("classpath:/ipex-prompt.json", EXPECTED)));
    assertArrayEquals(
        shipped, Files.readAllBytes(DatasetFile.resolve("classpath:datasets/ipex-prompt.json", EXPECTED)));
  }

  @Test
  void aMissingSpecNamesTheWorkingDirectoryAndTheResourcesTried() {
    String message =
        assertThrows(IllegalArgumentException.class, () -> DatasetFile.resolve("datasets/nowhere.json", EXPECTED))
            .getMessage();
    assertTrue(message.startsWith("Dataset file not found: 'datasets/nowhere.json'"), message);
    assertTrue(message.contains(Path.of("").toAbsolutePath().toString()), message);
    assertTrue(message.contains("on the classpath as 'datasets/nowhere.json' or 'nowhere.json'"), message);
    assertTrue(message.endsWith("expected " + EXPECTED), message);
  }

  @Test
  void aFolderIsNotADatasetFile() {
    assertThrows(IllegalArgumentException.class, () -> DatasetFile.resolve(dir.toString(), EXPECTED));
  }

  @Test
  void resourceNamesComeFromClasspathAndRelativeSpecsOnly() {
    assertEquals(List.of("sonnet.txt"), DatasetFile.resourceNames("classpath:sonnet.txt"));
    assertEquals(List.of("datasets/a.json", "a.json"), DatasetFile.resourceNames("classpath:/datasets/a.json"));
    assertEquals(List.of("data/a.json"), DatasetFile.resourceNames("data/a.json"));
    assertFalse(DatasetFile.resourceNames("/abs/datasets/a.json").iterator().hasNext());
  }
}
