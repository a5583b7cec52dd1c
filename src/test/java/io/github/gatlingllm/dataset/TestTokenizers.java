package io.github.gatlingllm.dataset;

import java.nio.file.Path;

/** The tokenizers the dataset tests share (loaded once per JVM through {@link Tokenizers}). */
final class TestTokenizers {
  static final Path TINY_FOLDER = Path.of("datasets/tokenizers/tiny");
  static final Path QWEN3_FOLDER = Path.of("datasets/tokenizers/qwen3");

  private TestTokenizers() {}

  /** The self-made 193-id WordPiece tokenizer, which adds a BOS token. */
  static TextTokenizer tiny() {
    return Tokenizers.load(TINY_FOLDER.toString());
  }

  static TextTokenizer qwen3() {
    return Tokenizers.load(QWEN3_FOLDER.toString());
  }
}
