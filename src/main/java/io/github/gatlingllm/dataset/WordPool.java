package io.github.gatlingllm.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * The "word tokens" of a tokenizer: texts of one space followed by letters or digits (such as {@code " apple"}) that
 * encode to exactly one token. Synthetic prompts made only of them have three properties the trace and shared-prefix
 * datasets rely on: the token count of a text is its word count (plus the special tokens the tokenizer adds), so a
 * prompt is cut to an exact length without re-encoding; concatenated pieces never merge across a boundary (the
 * pre-tokenizers of byte-level BPE, WordPiece and word tokenizers split at a space before letters), so a block of
 * words tokenizes the same wherever it stands; and the embedded mock, which counts a token as one whitespace-separated
 * word and caches blocks of words, sees the same blocks a real server's prefix cache sees.
 *
 * <p>The pool is read from the tokenizer's {@linkplain TextTokenizer#sampleableIds() sampleable ids} in ascending
 * order: each id is decoded, and its text, trimmed and prefixed with one space, is kept when it is letters or digits
 * and encodes back to one token (texts are kept once). The scan stops at {@value #MAX_WORDS} words: enough that random
 * blocks never repeat, and it bounds the cost (one decode and one encode per id) on large vocabularies. The pool is
 * then checked as a whole: its words joined must encode to one token per word, else the tokenizer merges words and
 * these datasets cannot give it exact lengths. One pool per tokenizer instance, built once.
 */
final class WordPool {
  /** Words kept at most; Qwen3 reaches it within its first ids. */
  static final int MAX_WORDS = 8192;
  /** Words below which random text would repeat visibly: the tokenizer is refused. */
  static final int MIN_WORDS = 64;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final int CHECK_CHUNK = 512;
  /** Weak keys: a tokenizer made for one test must not be kept alive by its pool. */
  private static final Map<TextTokenizer, WordPool> POOLS = Collections.synchronizedMap(new WeakHashMap<>());

  private final String[] words;

  private WordPool(String[] words) {
    this.words = words;
  }

  /** The pool of {@code tokenizer}, built on first use. */
  static WordPool of(TextTokenizer tokenizer) {
    synchronized (POOLS) {
      return POOLS.computeIfAbsent(tokenizer, WordPool::build);
    }
  }

  private static WordPool build(TextTokenizer tokenizer) {
    List<String> found = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int id : tokenizer.sampleableIds()) {
      String text = tokenizer.decode(new int[] {id}, true).strip();
      if (!WORD.matcher(text).matches()) {
        continue;
      }
      String word = " " + text;
      if (seen.add(word) && tokenizer.encodeBody(word).length == 1) {
        found.add(word);
        if (found.size() == MAX_WORDS) {
          break;
        }
      }
    }
    if (found.size() < MIN_WORDS) {
      throw new IllegalArgumentException("Tokenizer '" + tokenizer.id() + "' has " + found.size()
          + " word tokens (a space then letters, one token each), expected at least " + MIN_WORDS
          + ": the trace and shared-prefix datasets build their prompts from them");
    }
    String[] words = found.toArray(String[]::new);
    checkNoMerge(tokenizer, words);
    return new WordPool(words);
  }

  /** Every word, chunk by chunk, joined: one token each, or the tokenizer merges across spaces. */
  private static void checkNoMerge(TextTokenizer tokenizer, String[] words) {
    for (int from = 0; from < words.length; from += CHECK_CHUNK) {
      int to = Math.min(words.length, from + CHECK_CHUNK);
      String joined = String.join("", List.of(words).subList(from, to));
      int tokens = tokenizer.encodeBody(joined).length;
      if (tokens != to - from) {
        throw new IllegalArgumentException("Tokenizer '" + tokenizer.id() + "' encodes " + (to - from)
            + " space-separated word tokens as " + tokens + " tokens: it merges words, so the trace and "
            + "shared-prefix datasets cannot give its prompts exact lengths");
      }
    }
  }

  int size() {
    return words.length;
  }

  String word(int index) {
    return words[index];
  }

  /** Appends {@code count} words drawn from {@code random}: exactly {@code count} tokens, each with its space. */
  void append(StringBuilder text, SplittableRandom random, int count) {
    for (int i = 0; i < count; i++) {
      text.append(words[random.nextInt(words.length)]);
    }
  }

  /**
   * A random source for one piece of synthetic text, from the run's seed, a domain (what the piece is: a block, a
   * filler, a system prompt) and the piece's number: the same arguments give the same text whatever the thread that
   * builds it, and the domains keep different kinds of pieces from sharing words.
   */
  static SplittableRandom random(long seed, long domain, long number) {
    return new SplittableRandom(mix(mix(seed ^ mix(domain)) + number));
  }

  /** Stafford's variant 13 of the MurmurHash3 finalizer (as {@link SplittableRandom}'s): close inputs, far outputs. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
