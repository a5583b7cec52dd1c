package io.github.gatlingllm.mock;

import java.nio.charset.StandardCharsets;

/**
 * The generated text: token i is {@code WORDS[i % 16]}, each a common English word with a leading space. These are
 * single tokens in the usual BPE vocabularies (GPT, Llama, Qwen), so a client that re-tokenizes the text, or counts
 * its words, finds as many tokens as chunks. Their JSON form needs no escaping and is encoded once.
 */
final class TokenVocabulary {
  private static final String[] WORDS = {
    " the", " of", " and", " to", " in", " is", " that", " for",
    " it", " as", " was", " with", " be", " by", " on", " not"
  };
  private static final byte[][] BYTES = new byte[WORDS.length][];

  static {
    for (int i = 0; i < WORDS.length; i++) {
      BYTES[i] = WORDS[i].getBytes(StandardCharsets.US_ASCII);
    }
  }

  private TokenVocabulary() {}

  /**
   * JSON-string content (no quotes) of token {@code index}, which is also its raw UTF-8 text (the words need no
   * escaping); shared, never modify.
   */
  static byte[] jsonBytes(int index) {
    return BYTES[index % BYTES.length];
  }

  /** The text of the first {@code count} tokens. */
  static String text(int count) {
    StringBuilder text = new StringBuilder(count * 4);
    for (int i = 0; i < count; i++) {
      text.append(WORDS[i % WORDS.length]);
    }
    return text.toString();
  }
}
