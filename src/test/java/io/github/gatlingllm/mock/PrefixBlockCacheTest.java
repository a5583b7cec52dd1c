package io.github.gatlingllm.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The prompt blocks' chained hashes ({@link PromptBlocks}) and the LRU of blocks ({@link PrefixBlockCache}). */
class PrefixBlockCacheTest {

  @Test
  void identicalPromptsHitEveryFullBlockAndNeverThePartialOne() {
    PrefixBlockCache cache = new PrefixBlockCache(1000);
    PromptBlocks prompt = completion(Bodies.words(40), 16);
    assertEquals(2, prompt.count(), "40 words: two full blocks, 8 words left over");
    assertEquals(0, cache.cachedTokens(prompt), "first sight");
    assertEquals(32, cache.cachedTokens(completion(Bodies.words(40), 16)));
    assertEquals(32, cache.cachedTokens(completion(Bodies.words(47), 16)), "a longer partial block changes nothing");
    assertEquals(32, cache.cachedTokens(completion(Bodies.words(48), 16)), "block 2 is new");
    assertEquals(48, cache.cachedTokens(completion(Bodies.words(48), 16)), "now it is there");
    assertEquals(32 + 32 + 32 + 48, cache.hitTokens());
  }

  @Test
  void promptsShorterThanABlockAreNeverCached() {
    PrefixBlockCache cache = new PrefixBlockCache(1000);
    assertEquals(0, completion(Bodies.words(15), 16).count());
    assertEquals(0, cache.cachedTokens(completion(Bodies.words(15), 16)));
    assertEquals(0, cache.cachedTokens(completion(Bodies.words(15), 16)));
    assertEquals(0, cache.size());
  }

  @Test
  void aDivergenceInBlockKStopsTheHitsAtK() {
    PrefixBlockCache cache = new PrefixBlockCache(1000);
    String[] words = Bodies.words(64).split("\\s+");
    cache.cachedTokens(completion(String.join(" ", words), 16));
    String[] changed = words.clone();
    changed[37] = "other"; // in block 2
    assertEquals(32, cache.cachedTokens(completion(String.join(" ", changed), 16)));
    String[] changedFirst = words.clone();
    changedFirst[0] = "other";
    // Blocks 1 to 3 hold the same words as the first prompt's, but after another prefix: chained hashes differ.
    assertEquals(0, cache.cachedTokens(completion(String.join(" ", changedFirst), 16)));
  }

  @Test
  void hashesAreChainedAndSeeWordsNotSpacing() {
    PromptBlocks same = completion("x x x x x x x x", 4);
    assertNotEquals(same.hash(0), same.hash(1), "the same words at another position are another block");
    assertEquals(completion("a b c d", 4).hash(0), completion("  a\n b\tc  d ", 4).hash(0), "tokens are words");
    assertNotEquals(completion("ab c d e", 4).hash(0), completion("a bc d e", 4).hash(0), "word boundaries count");
  }

  @Test
  void chatBlocksRunAcrossMessagesAndContentPartsAsTheCounterCountsThem() {
    ArrayNode messages = Bodies.JSON.createArrayNode();
    messages.addObject().put("role", "system").put("content", "a b c");
    ArrayNode parts = messages.addObject().put("role", "user").putArray("content");
    parts.addObject().put("type", "text").put("text", "d e");
    parts.addObject().put("type", "image_url").putObject("image_url").put("url", "data:image/png;base64,AAAA");
    parts.addObject().put("type", "text").put("text", "f g h i");
    PromptBlocks chat = PromptBlocks.chat(messages, 4);
    PromptBlocks text = completion("a b c d e f g h i", 4);
    assertEquals(9, PromptTokenCounter.chatMessages(messages));
    assertEquals(2, chat.count());
    assertEquals(text.hash(0), chat.hash(0));
    assertEquals(text.hash(1), chat.hash(1));
  }

  @Test
  void tokenIdArraysFormBlocksOfIds() {
    ArrayNode ids = Bodies.JSON.createArrayNode();
    for (int i = 0; i < 33; i++) {
      ids.add(1000 + i);
    }
    PromptBlocks blocks = PromptBlocks.completion(ids, 16);
    assertEquals(2, blocks.count());
    PrefixBlockCache cache = new PrefixBlockCache(10);
    cache.cachedTokens(blocks);
    assertEquals(32, cache.cachedTokens(PromptBlocks.completion(ids, 16)));
  }

  @Test
  void theLeastRecentlyUsedPromptGoesFirst() {
    PrefixBlockCache cache = new PrefixBlockCache(4);
    PromptBlocks a = twoBlocks("a");
    PromptBlocks b = twoBlocks("b");
    PromptBlocks c = twoBlocks("c");
    cache.cachedTokens(a);
    cache.cachedTokens(b);
    assertEquals(8, cache.cachedTokens(a), "a hit touches a: b is now the least recently used");
    cache.cachedTokens(c); // evicts b's two blocks
    assertEquals(4, cache.size());
    assertEquals(8, cache.cachedTokens(a));
    assertEquals(0, cache.cachedTokens(b), "evicted; b comes back in place of c, the least recently used now");
    assertEquals(0, cache.cachedTokens(c));
  }

  @Test
  void evictionTakesAPromptsTailFirstSoItsPrefixStillHits() {
    PrefixBlockCache cache = new PrefixBlockCache(3);
    PromptBlocks three = completion("p0 p1 p2 p3 p4 p5 p6 p7 p8 p9 p10 p11", 4);
    cache.cachedTokens(three);
    cache.cachedTokens(completion("q0 q1 q2 q3", 4)); // one block out: the prompt's last, not its first
    assertEquals(8, cache.cachedTokens(three));

    PrefixBlockCache small = new PrefixBlockCache(2);
    small.cachedTokens(three);
    assertEquals(8, small.cachedTokens(three), "a prompt longer than the cache keeps its first blocks");
  }

  @Test
  void zeroBlocksIsOff() {
    PrefixBlockCache cache = new PrefixBlockCache(0);
    assertFalse(cache.enabled());
    PromptBlocks prompt = completion(Bodies.words(64), 16);
    assertEquals(0, cache.cachedTokens(prompt));
    assertEquals(0, cache.cachedTokens(prompt));
    assertEquals(0, cache.size());
    assertEquals(0, cache.hitTokens());
  }

  @Test
  void manyThreadsShareOneBoundedCache() throws Exception {
    PrefixBlockCache cache = new PrefixBlockCache(20);
    // Prompts drawn from 8 stems of 4 blocks each, cut at random lengths: many shared prefixes, many evictions.
    List<PromptBlocks> prompts = new ArrayList<>();
    for (int stem = 0; stem < 8; stem++) {
      for (int blocks = 1; blocks <= 4; blocks++) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < blocks * 16; w++) {
          text.append("s").append(stem).append('w').append(w).append(' ');
        }
        prompts.add(completion(text.toString(), 16));
      }
    }
    AtomicLong returned = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        SplittableRandom random = new SplittableRandom(t);
        workers.add(pool.submit(() -> {
          for (int i = 0; i < 20_000; i++) {
            PromptBlocks prompt = prompts.get(random.nextInt(prompts.size()));
            int cached = cache.cachedTokens(prompt);
            assertTrue(cached >= 0 && cached <= prompt.count() * 16 && cached % 16 == 0, "cached " + cached);
            returned.addAndGet(cached);
            assertTrue(cache.size() <= 20, "size " + cache.size());
          }
        }));
      }
      for (Future<?> worker : workers) {
        worker.get(); // rethrows any failure of the worker
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(20, cache.size(), "full: 32 distinct blocks went through a cache of 20");
    assertEquals(returned.get(), cache.hitTokens(), "every hit counted once");
    assertTrue(cache.hitTokens() > 0, "hot prefixes still hit");
  }

  private static PromptBlocks twoBlocks(String name) {
    return completion(name + "0 " + name + "1 " + name + "2 " + name + "3 " + name + "4 " + name + "5 " + name + "6 "
        + name + "7", 4);
  }

  private static PromptBlocks completion(String text, int blockTokens) {
    JsonNode prompt = TextNode.valueOf(text);
    return PromptBlocks.completion(prompt, blockTokens);
  }
}
