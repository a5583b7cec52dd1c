package io.github.gatlingllm.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * A tokenizer for tests: one token per whitespace-separated word (as Python's {@code str.split()}), ids by the word's
 * hash into a vocabulary of {@value #VOCAB} ids, no special tokens. Stateless, so thread-safe.
 */
public final class WordTestTokenizer implements TextTokenizer {
  static final int VOCAB = 1000;

  @Override
  public int[] encode(String text) {
    List<String> words = words(text);
    int[] ids = new int[words.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Math.floorMod(words.get(i).hashCode(), VOCAB);
    }
    return ids;
  }

  @Override
  public String decode(int[] ids, boolean skipSpecialTokens) {
    StringBuilder text = new StringBuilder();
    for (int id : ids) {
      text.append(text.length() == 0 ? "" : " ").append('w').append(id);
    }
    return text.toString();
  }

  @Override
  public int vocabSize() {
    return VOCAB;
  }

  @Override
  public String id() {
    return "word-test";
  }

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      boolean space = i == text.length() || Character.isWhitespace(text.charAt(i));
      if (space && start >= 0) {
        words.add(text.substring(start, i));
        start = -1;
      } else if (!space && start < 0) {
        start = i;
      }
    }
    return words;
  }
}
