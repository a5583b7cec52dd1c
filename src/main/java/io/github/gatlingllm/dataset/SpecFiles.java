package io.github.gatlingllm.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads the bytes of a dataset file named by a spec: a file path (relative to the working directory) or
 * {@code classpath:name}; a name ending in {@code .gz} is gunzipped.
 */
final class SpecFiles {
  static final String CLASSPATH_PREFIX = "classpath:";

  private SpecFiles() {}

  static boolean isClasspath(String spec) {
    return spec.startsWith(CLASSPATH_PREFIX);
  }

  /** The resource name of a {@code classpath:} spec, without a leading slash. */
  static String resourceName(String spec) {
    String name = spec.substring(CLASSPATH_PREFIX.length());
    return name.startsWith("/") ? name.substring(1) : name;
  }

  /** The path of a file spec, if it names something that exists. */
  static Optional<Path> existingPath(String spec) {
    try {
      Path path = Path.of(spec);
      return Files.exists(path) ? Optional.of(path) : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code loader} holds the resource {@code name}. */
  static boolean hasResource(ClassLoader loader, String name) {
    return loader.getResource(name) != null;
  }

  static byte[] readFile(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return readAll(in, path.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read '" + path + "': " + e.getMessage(), e);
    }
  }

  static byte[] readResource(ClassLoader loader, String name) {
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("Classpath resource not found: '" + name + "'");
      }
      return readAll(in, name);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read classpath resource '" + name + "': " + e.getMessage(), e);
    }
  }

  private static byte[] readAll(InputStream in, String name) throws IOException {
    if (name.endsWith(".gz")) {
      try (InputStream gz = new GZIPInputStream(in)) {
        return gz.readAllBytes();
      }
    }
    return in.readAllBytes();
  }
}
