package io.github.gatlingllm.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared tokenizers, one per spec: loading a large tokenizer takes about a second, and one instance serves every
 * thread. The instances live as long as the JVM: do not close them.
 */
public final class Tokenizers {
  /** The default tokenizer (Qwen3), relative to the project root that {@code mvn gatling:test} runs from. */
  public static final String DEFAULT_SPEC = "datasets/tokenizers/qwen3";
  /** Where the default tokenizer is looked for when {@link #DEFAULT_SPEC} is not there (e.g. Gatling Enterprise). */
  public static final String DEFAULT_CLASSPATH_SPEC = "classpath:tokenizers/qwen3/tokenizer.json.gz";

  private static final Map<String, HfTokenizer> CACHE = new ConcurrentHashMap<>();

  private Tokenizers() {}

  /** The shared tokenizer for {@code spec} (see {@link HfTokenizer}); null or blank means {@link #defaultSpec()}. */
  public static TextTokenizer load(String spec) {
    String key = spec == null || spec.isBlank() ? defaultSpec() : spec.trim();
    return CACHE.computeIfAbsent(key, HfTokenizer::load);
  }

  /** {@link #DEFAULT_SPEC} if that folder exists in the working directory, else {@link #DEFAULT_CLASSPATH_SPEC}. */
  public static String defaultSpec() {
    return defaultSpec(Path.of(""));
  }

  static String defaultSpec(Path workingDirectory) {
    return Files.isDirectory(workingDirectory.resolve(DEFAULT_SPEC)) ? DEFAULT_SPEC : DEFAULT_CLASSPATH_SPEC;
  }
}
