package io.github.gatlingllm.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The file a dataset spec ({@code llm.datasetPath} or a shipped sample) names: a file on disk, else a classpath
 * resource. Gatling Enterprise load generators have no project folder, only the packaged jar, where the pom puts the
 * contents of {@code datasets/} at the resource root: so {@code datasets/ipex-prompt.json} is also looked up as the
 * resource {@code ipex-prompt.json}, as the tokenizers are ({@code classpath:tokenizers/qwen3}).
 *
 * <p>The dataset readers stream a {@link Path} with Jackson, so a resource is copied once per JVM to a temporary
 * file. Call this while preparing the load, never on an event loop.
 */
public final class DatasetFile {
  private static final String DATASETS_FOLDER = "datasets/";
  /** Temporary copies by resource URL: a simulation may resolve the same sample more than once. */
  private static final Map<String, Path> COPIES = new ConcurrentHashMap<>();

  private DatasetFile() {}

  /**
   * The readable file {@code spec} names: a path (absolute or relative to the working directory), a relative path
   * found on the classpath, or {@code classpath:name}. {@code expected} describes the format in the error.
   */
  public static Path resolve(String spec, String expected) {
    return resolve(spec, expected, DatasetFile.class.getClassLoader());
  }

  static Path resolve(String spec, String expected, ClassLoader loader) {
    String trimmed = spec.trim();
    Optional<Path> file =
        SpecFiles.isClasspath(trimmed)
            ? Optional.empty()
            : SpecFiles.existingPath(trimmed).filter(Files::isRegularFile);
    if (file.isPresent()) {
      return file.get();
    }
    List<String> names = resourceNames(trimmed);
    return names.stream()
        .map(loader::getResource)
        .filter(url -> url != null)
        .findFirst()
        .map(DatasetFile::copy)
        .orElseThrow(() -> notFound(trimmed, names, expected));
  }

  /** The resource names tried for {@code spec}: as given, then without a leading {@code datasets/}. */
  static List<String> resourceNames(String spec) {
    String name;
    if (SpecFiles.isClasspath(spec)) {
      name = SpecFiles.resourceName(spec);
    } else if (!spec.isEmpty() && !Path.of(spec).isAbsolute()) {
      name = spec.replace('\\', '/');
      name = name.startsWith("./") ? name.substring(2) : name;
    } else {
      return List.of();
    }
    return name.startsWith(DATASETS_FOLDER)
        ? List.of(name, name.substring(DATASETS_FOLDER.length()))
        : List.of(name);
  }

  private static Path copy(URL resource) {
    return COPIES.computeIfAbsent(resource.toString(), key -> copyToTemp(resource));
  }

  private static Path copyToTemp(URL resource) {
    String path = resource.getPath();
    // Keeps the file name (and extension) so that reports and errors still name the dataset.
    String fileName = path.substring(path.lastIndexOf('/') + 1);
    try (InputStream in = resource.openStream()) {
      Path copy = Files.createTempFile("gatling-llm-", "-" + fileName);
      copy.toFile().deleteOnExit();
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy classpath resource '" + resource + "': " + e.getMessage(), e);
    }
  }

  private static IllegalArgumentException notFound(String spec, List<String> names, String expected) {
    String searched =
        names.isEmpty()
            ? ""
            : ", nor on the classpath as " + String.join(" or ", names.stream().map(n -> "'" + n + "'").toList());
    return new IllegalArgumentException(
        "Dataset file not found: '" + spec + "' (llm.datasetPath, absolute or relative to "
            + Path.of("").toAbsolutePath() + searched + "): expected " + expected);
  }
}
