package io.github.gatlingllm.dataset;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A Hugging Face {@code tokenizer.json} run by DJL's tokenizers (Rust, in-process), loaded from a local file or the
 * classpath only: never from the network. Texts are encoded as a server encodes a prompt (special tokens added, no
 * truncation, no padding). Thread-safe; {@link #close()} only once no thread uses it any more.
 *
 * <p>A spec is a path to a {@code tokenizer.json}, to a gzipped {@code .json.gz}, to a folder holding
 * {@code tokenizer.json} (or {@code tokenizer.json.gz}), or {@code classpath:name} with the same three forms. Prefer
 * {@link Tokenizers#load(String)}, which shares one instance per spec.
 */
public final class HfTokenizer implements TextTokenizer, AutoCloseable {
  static {
    // DJL reports to a cloud metadata address on its first tokenizer unless offline: set before DJL is touched.
    // Both switches, as either alone is checked first on some code path; DJL reads OPT_OUT_TRACKING from the
    // environment or, failing that, from the system properties (Utils.getEnvOrSystemProperty).
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
  }

  private static final String FILE_NAME = "tokenizer.json";
  private static final Map<String, String> OPTIONS = Map.of(
      "addSpecialTokens", "true",
      "truncation", "false",
      "padding", "false",
      "cleanUpTokenization", "false");

  private final HuggingFaceTokenizer tokenizer;
  private final TokenizerVocabulary vocabulary;
  private final String id;
  private volatile boolean closed;

  private HfTokenizer(HuggingFaceTokenizer tokenizer, TokenizerVocabulary vocabulary, String id) {
    this.tokenizer = tokenizer;
    this.vocabulary = vocabulary;
    this.id = id;
  }

  /** Loads the tokenizer named by {@code spec} (see the class comment). */
  public static HfTokenizer load(String spec) {
    return load(spec, HfTokenizer.class.getClassLoader());
  }

  static HfTokenizer load(String spec, ClassLoader loader) {
    if (spec == null || spec.isBlank()) {
      throw notFound(String.valueOf(spec));
    }
    String trimmed = spec.trim();
    return fromJson(readJson(trimmed, loader), trimmed);
  }

  /** A tokenizer from the bytes of a {@code tokenizer.json}; {@code id} names it in reports and errors. */
  static HfTokenizer fromJson(byte[] json, String id) {
    TokenizerVocabulary vocabulary = TokenizerVocabulary.read(json, id);
    try {
      return new HfTokenizer(HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), OPTIONS), vocabulary, id);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load tokenizer '" + id + "': " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Not a valid tokenizer.json: '" + id + "' (" + e.getMessage() + ")", e);
    }
  }

  private static byte[] readJson(String spec, ClassLoader loader) {
    if (SpecFiles.isClasspath(spec)) {
      String name = SpecFiles.resourceName(spec);
      return classpathCandidate(loader, name)
          .map(found -> SpecFiles.readResource(loader, found))
          .orElseThrow(() -> notFound(spec));
    }
    Path path = SpecFiles.existingPath(spec).orElseThrow(() -> notFound(spec));
    if (!Files.isDirectory(path)) {
      return SpecFiles.readFile(path);
    }
    Path json = path.resolve(FILE_NAME);
    Path gzipped = path.resolve(FILE_NAME + ".gz");
    if (Files.isRegularFile(json)) {
      return SpecFiles.readFile(json);
    }
    if (Files.isRegularFile(gzipped)) {
      return SpecFiles.readFile(gzipped);
    }
    throw notFound(spec);
  }

  private static Optional<String> classpathCandidate(ClassLoader loader, String name) {
    if (name.endsWith(".json") || name.endsWith(".gz")) {
      return Optional.of(name).filter(n -> SpecFiles.hasResource(loader, n));
    }
    String folder = name.endsWith("/") ? name : name + "/";
    return Optional.of(folder + FILE_NAME)
        .filter(n -> SpecFiles.hasResource(loader, n))
        .or(() -> Optional.of(folder + FILE_NAME + ".gz").filter(n -> SpecFiles.hasResource(loader, n)));
  }

  private static IllegalArgumentException notFound(String spec) {
    return new IllegalArgumentException("Tokenizer not found: '" + spec + "' (expected a tokenizer.json, a .json.gz, "
        + "a folder holding tokenizer.json, or a classpath resource such as classpath:tokenizers/qwen3)");
  }

  @Override
  public int[] encode(String text) {
    return toInts(open().encode(text).getIds());
  }

  @Override
  public int[] encodeBody(String text) {
    return toInts(open().encode(text, false, false).getIds());
  }

  @Override
  public String decode(int[] ids, boolean skipSpecialTokens) {
    long[] longs = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      longs[i] = ids[i];
    }
    return open().decode(longs, skipSpecialTokens);
  }

  @Override
  public int vocabSize() {
    return vocabulary.size();
  }

  /** Size of the base vocabulary, without added tokens (Python's {@code tokenizer.vocab_size}). */
  public int baseVocabSize() {
    return vocabulary.baseSize();
  }

  @Override
  public int[] sampleableIds() {
    return vocabulary.sampleableIds();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public void close() {
    closed = true;
    tokenizer.close();
  }

  private HuggingFaceTokenizer open() {
    if (closed) {
      throw new IllegalStateException("Tokenizer '" + id + "' is closed");
    }
    return tokenizer;
  }

  private static int[] toInts(long[] ids) {
    int[] ints = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      ints[i] = Math.toIntExact(ids[i]);
    }
    return ints;
  }

  @Override
  public String toString() {
    return "HfTokenizer[" + id + "]";
  }
}
