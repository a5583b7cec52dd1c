package io.github.gatlingllm.mock;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mock's automatic prefix cache: the hashes of at most {@code capacity} prompt blocks ({@link PromptBlocks}),
 * least recently used first out, shared by every connection and event loop. It holds no KV data, only which
 * prefixes the server has computed; a hit shortens the prefill ({@code ttftPerPromptTokenMs} is charged for uncached
 * tokens only) and is reported as {@code usage.prompt_tokens_details.cached_tokens} and {@code
 * vllm:prefix_cache_hits}.
 *
 * <p>A request looks its blocks up when its generation starts (when it gets its batch slot), and the blocks enter the
 * cache at that same moment, as vLLM registers the blocks it is about to compute when it schedules their prefill: a
 * request that starts while an identical one is still in flight already hits. Unlike vLLM, blocks of running
 * requests are not pinned, so a capacity below what the batch holds can evict them.
 *
 * <p>Blocks are touched from the last to the first, so that a prompt's first blocks are the most recently used:
 * eviction takes the tails of old prompts first (vLLM frees a request's blocks tail first for the same reason), and a
 * prefix stays usable up to its last surviving block. Look-up and insertion share one critical section that touches
 * only the map: no I/O, no callback.
 */
final class PrefixBlockCache {
  private final int capacity;
  private final Object lock = new Object();
  /** Access-ordered, guarded by {@link #lock}: the eldest entry is the least recently used block. */
  private final LinkedHashMap<Long, Boolean> blocks;
  private final AtomicLong hitTokens = new AtomicLong();

  /** @param capacity blocks kept, 0 = no cache (nothing is ever stored or hit) */
  PrefixBlockCache(int capacity) {
    this.capacity = capacity;
    this.blocks =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > PrefixBlockCache.this.capacity;
          }
        };
  }

  boolean enabled() {
    return capacity > 0;
  }

  /**
   * Looks the prompt's blocks up, then stores them all, as the server that just computed them.
   *
   * @return the cached tokens: the leading blocks found, times the block size
   */
  int cachedTokens(PromptBlocks prompt) {
    int count = prompt.count();
    if (capacity == 0 || count == 0) {
      return 0;
    }
    int found = 0;
    synchronized (lock) {
      // containsKey does not reorder an access-ordered map: only the insertions below touch the blocks.
      while (found < count && blocks.containsKey(prompt.hash(found))) {
        found++;
      }
      for (int i = count - 1; i >= 0; i--) {
        blocks.put(prompt.hash(i), Boolean.TRUE);
      }
    }
    int tokens = found * prompt.blockTokens();
    hitTokens.addAndGet(tokens);
    return tokens;
  }

  /** Prompt tokens served from the cache since the start ({@code vllm:prefix_cache_hits}). */
  long hitTokens() {
    return hitTokens.get();
  }

  /** Blocks held now. */
  int size() {
    synchronized (lock) {
      return blocks.size();
    }
  }
}
