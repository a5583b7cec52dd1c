package io.github.gatlingllm.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Prompts for trace entries that share what the trace shares, each of exactly its input length in tokens by the run's
 * tokenizer (the special tokens it adds included, as in {@link RandomDataset}).
 *
 * <p>A prompt is made of {@link WordPool word tokens}: its hash ids' blocks in order, {@code blockSize} words each
 * (Mooncake's blocks are 512 tokens), the last one cut to the input length; a prompt longer than its blocks ends with
 * filler words of its own; an entry without hash ids is all filler. Block {@code h} is the same words in every request
 * and every run with the same seed (drawn from a random source keyed by the seed and {@code h}), so two requests
 * sharing hash ids share a token prefix that a server's prefix cache can reuse, and nothing else: fillers are keyed by
 * the entry's line in the file, so they differ between requests and do not change with the window. Blocks are drawn
 * again for each request rather than cached: drawing words costs less than keeping every block of a long trace.
 *
 * <p>Entries of a JSONL trace that carry their own prompt keep it, counted by the tokenizer. Building and counting run
 * on {@code availableProcessors()} threads; the result does not depend on their number.
 */
public final class TracePrompts {
  /** Tokens per hash id by default: Mooncake's block size. */
  public static final int DEFAULT_BLOCK_SIZE = 512;

  private static final long BLOCK_DOMAIN = 1;
  private static final long FILLER_DOMAIN = 2;

  /**
   * Prompt blocks a prefix cache can reuse, as the trace records them.
   *
   * @param blocks blocks of every prompt (hash ids the input length reaches)
   * @param reusedBlocks those whose hash id appeared in an earlier request
   * @param promptTokens input tokens of every prompt
   * @param reusedTokens tokens of the reused blocks that are full ({@code blockSize} each)
   */
  public record BlockReuse(long blocks, long reusedBlocks, long promptTokens, long reusedTokens) {
    /** Reused blocks over blocks; 0 without blocks. */
    public double blockShare() {
      return blocks == 0 ? 0 : (double) reusedBlocks / blocks;
    }

    /** Reused tokens over prompt tokens: the prefix-cache hit rate a server with unbounded cache would report. */
    public double tokenShare() {
      return promptTokens == 0 ? 0 : (double) reusedTokens / promptTokens;
    }
  }

  /**
   * Prompts and what a user should know about them.
   *
   * @param requests one per entry, in order
   * @param notes prompts whose count missed their length (none with the tokenizers the project ships)
   */
  public record Built(List<DatasetRequest> requests, List<String> notes) {
    public Built {
      requests = List.copyOf(requests);
      notes = List.copyOf(notes);
    }
  }

  private final TextTokenizer tokenizer;
  private final WordPool pool;
  private final int blockSize;
  private final long seed;

  private TracePrompts(TextTokenizer tokenizer, int blockSize, long seed) {
    if (blockSize < 1) {
      throw new IllegalArgumentException("traceBlockSize must be >= 1, got " + blockSize);
    }
    this.tokenizer = tokenizer;
    this.pool = WordPool.of(tokenizer);
    this.blockSize = blockSize;
    this.seed = seed;
  }

  /** A prompt for every entry (see the class comment), with its token count. */
  public static Built build(List<TraceEntry> entries, TextTokenizer tokenizer, int blockSize, long seed) {
    return new TracePrompts(tokenizer, blockSize, seed).build(entries);
  }

  private Built build(List<TraceEntry> entries) {
    int special = tokenizer.specialTokenCount();
    DatasetRequest[] requests = new DatasetRequest[entries.size()];
    ParallelTokenCounter.forEach(requests.length, i -> {
      TraceEntry entry = entries.get(i);
      String prompt = entry.prompt() != null ? entry.prompt() : text(entry, Math.max(0, entry.inputLength() - special));
      requests[i] = DatasetRequest.counted(prompt, tokenizer, entry.outputLength());
    });
    List<String> notes = new ArrayList<>();
    long missed = 0;
    long offBy = 0;
    for (int i = 0; i < requests.length; i++) {
      TraceEntry entry = entries.get(i);
      if (entry.prompt() == null && requests[i].promptTokens() != entry.inputLength()) {
        missed++;
        offBy += requests[i].promptTokens() - entry.inputLength();
      }
    }
    if (missed > 0) {
      notes.add(missed + " prompts are not of their trace's input length (" + offBy + " tokens in all): tokenizer '"
          + tokenizer.id() + "' adds " + special + " special tokens, more than some input lengths");
    }
    return new Built(Arrays.asList(requests), notes);
  }

  /** {@code words} word tokens: the entry's blocks in order, then filler of its own. */
  String text(TraceEntry entry, int words) {
    StringBuilder text = new StringBuilder(words * 8);
    int remaining = words;
    for (int block = 0; block < entry.blockCount() && remaining > 0; block++) {
      int take = Math.min(blockSize, remaining);
      pool.append(text, WordPool.random(seed, BLOCK_DOMAIN, entry.hashId(block)), take);
      remaining -= take;
    }
    if (remaining > 0) {
      pool.append(text, WordPool.random(seed, FILLER_DOMAIN, entry.line()), remaining);
    }
    return text.toString();
  }

  /**
   * The reuse the trace itself promises, in request order: a block counts when the input length reaches it, and is
   * reused when its hash id was in an earlier request's blocks. Entries with their own prompt have no blocks and
   * unknown tokens: they are left out. An integration test compares a server's measured prefix-cache hit rate with
   * {@link BlockReuse#tokenShare()}.
   */
  public static BlockReuse expectedBlockReuse(List<TraceEntry> entries, int blockSize) {
    if (blockSize < 1) {
      throw new IllegalArgumentException("traceBlockSize must be >= 1, got " + blockSize);
    }
    Set<Long> seen = new HashSet<>();
    long blocks = 0;
    long reused = 0;
    long tokens = 0;
    long reusedTokens = 0;
    for (TraceEntry entry : entries) {
      if (entry.prompt() != null) {
        continue;
      }
      int used = (int) Math.min(entry.blockCount(), ((long) entry.inputLength() + blockSize - 1) / blockSize);
      tokens += entry.inputLength();
      for (int block = 0; block < used; block++) {
        blocks++;
        if (seen.contains(entry.hashId(block))) {
          reused++;
          if ((long) (block + 1) * blockSize <= entry.inputLength()) {
            reusedTokens += blockSize;
          }
        }
      }
      for (int block = 0; block < used; block++) {
        seen.add(entry.hashId(block));
      }
    }
    return new BlockReuse(blocks, reused, tokens, reusedTokens);
  }
}
