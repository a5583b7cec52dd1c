package io.github.gatlingllm.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * The full blocks of one prompt, as the prefix cache ({@link PrefixBlockCache}) knows them: the prompt's tokens (the
 * words {@link PromptTokenCounter} counts, in the same order) cut into blocks of {@code blockTokens}, each named by a
 * 64-bit hash chained with its parent's, as vLLM's automatic prefix caching names its KV blocks. A block's hash thus
 * stands for the whole prefix up to its end: two prompts share block k only if they agree on every token before it.
 * The last, partial block has no hash (it is never cached). Image tokens are not part of the blocks: their prefill
 * is never cached.
 *
 * <p>Hashing is FNV-1a over each word's UTF-16 units plus a word separator, seeded with the parent block's hash, and
 * mixed at the block's end (SplitMix64's finaliser) so that nearby prefixes spread over the whole 64 bits. A
 * collision (two different prefixes, one hash) would be a false hit, with odds of about n^2 / 2^65 for n blocks.
 */
final class PromptBlocks {
  /** A prompt with no full block, or a server without a prefix cache. */
  static final PromptBlocks NONE = new PromptBlocks(new long[0], 1);

  private final long[] hashes;
  private final int blockTokens;

  private PromptBlocks(long[] hashes, int blockTokens) {
    this.hashes = hashes;
    this.blockTokens = blockTokens;
  }

  static PromptBlocks chat(JsonNode messages, int blockTokens) {
    Hasher hasher = new Hasher(blockTokens);
    PromptTokenCounter.chatWords(messages, hasher);
    return hasher.blocks();
  }

  /** A completions prompt, or the single text of TGI and LLM-on-Ray. */
  static PromptBlocks completion(JsonNode prompt, int blockTokens) {
    Hasher hasher = new Hasher(blockTokens);
    PromptTokenCounter.promptWords(prompt, hasher);
    return hasher.blocks();
  }

  /** Full blocks of the prompt. */
  int count() {
    return hashes.length;
  }

  /** Hash of block {@code index} (from 0), which covers every token up to the block's end. */
  long hash(int index) {
    return hashes[index];
  }

  int blockTokens() {
    return blockTokens;
  }

  /** Accumulates words into block hashes. */
  private static final class Hasher implements PromptTokenCounter.WordSink {
    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;
    /** Ends each word, so that "ab c" and "a bc" differ (whitespace never occurs inside a word). */
    private static final char SEPARATOR = ' ';

    private final int blockTokens;
    private long[] hashes = new long[8];
    private int blocks;
    private int wordsInBlock;
    private long hash = FNV_OFFSET;

    Hasher(int blockTokens) {
      this.blockTokens = blockTokens;
    }

    @Override
    public void word(CharSequence text, int start, int end) {
      long h = hash;
      for (int i = start; i < end; i++) {
        h = (h ^ text.charAt(i)) * FNV_PRIME;
      }
      hash = (h ^ SEPARATOR) * FNV_PRIME;
      if (++wordsInBlock == blockTokens) {
        if (blocks == hashes.length) {
          hashes = Arrays.copyOf(hashes, blocks * 2);
        }
        // The next block starts from this one's hash: that is the chaining.
        hash = mix(hash);
        hashes[blocks++] = hash;
        wordsInBlock = 0;
      }
    }

    PromptBlocks blocks() {
      return blocks == 0 ? NONE : new PromptBlocks(Arrays.copyOf(hashes, blocks), blockTokens);
    }

    private static long mix(long z) {
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }
}
