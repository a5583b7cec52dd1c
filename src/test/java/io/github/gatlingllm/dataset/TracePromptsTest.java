package io.github.gatlingllm.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.mock.PromptTokenCounter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trace prompts: exact lengths by the run's tokenizer, the trace's blocks shared, nothing else shared. */
class TracePromptsTest {
  private static final WordTestTokenizer WORDS = new WordTestTokenizer();

  private static TraceEntry entry(long line, int input, long... hashIds) {
    return new TraceEntry(line, 0, input, 8, hashIds, null);
  }

  private static List<DatasetRequest> build(TextTokenizer tokenizer, int blockSize, TraceEntry... entries) {
    return TracePrompts.build(List.of(entries), tokenizer, blockSize, 42).requests();
  }

  @Test
  void everyEntryOfEverySampleHasExactlyItsInputLengthWithQwen3() {
    TextTokenizer qwen3 = TestTokenizers.qwen3();
    checkExact(qwen3, TraceFileTest.MOONCAKE, TraceFormat.MOONCAKE, 60);
    checkExact(qwen3, TraceFileTest.AZURE, TraceFormat.AZURE, 56);
    checkExact(qwen3, TraceFileTest.BURSTGPT, TraceFormat.BURSTGPT, 61);
    checkExact(qwen3, TraceFileTest.JSONL, TraceFormat.JSONL, 44);
  }

  private static void checkExact(TextTokenizer tokenizer, Path file, TraceFormat format, int count) {
    List<TraceEntry> entries = TraceFileTest.read(file, format).entries();
    TracePrompts.Built built = TracePrompts.build(entries, tokenizer, TracePrompts.DEFAULT_BLOCK_SIZE, 0);
    assertEquals(count, built.requests().size());
    assertEquals(List.of(), built.notes());
    for (int i = 0; i < count; i++) {
      TraceEntry entry = entries.get(i);
      DatasetRequest request = built.requests().get(i);
      assertEquals(tokenizer.count(request.prompt()), request.promptTokens(), file + " line " + entry.line());
      assertEquals(entry.outputLength(), request.expectedOutputTokens());
      if (entry.prompt() == null) {
        assertEquals(entry.inputLength(), request.promptTokens(), file + " line " + entry.line());
        // The mock counts words: its token count is the tokenizer's (Qwen3 adds no special token).
        assertEquals(entry.inputLength(), PromptTokenCounter.words(request.prompt()), file + " line " + entry.line());
      } else {
        assertEquals(entry.prompt(), request.prompt());
      }
    }
  }

  @Test
  void theSameHashIdIsTheSameTextInEveryRequestAndConcatenatedBlocksReEncodeExactly() {
    TextTokenizer qwen3 = TestTokenizers.qwen3();
    List<DatasetRequest> requests =
        build(qwen3, 512, entry(1, 1024, 5, 6), entry(2, 700, 5, 6), entry(3, 1500, 5, 7, 8), entry(4, 512, 9));
    List<String> first = words(requests.get(0));
    List<String> second = words(requests.get(1));
    List<String> third = words(requests.get(2));
    assertEquals(first.subList(0, 700), second);
    assertEquals(first.subList(0, 512), third.subList(0, 512));
    assertNotEquals(first.subList(512, 1024), third.subList(512, 1024));
    // Block 9 alone, then blocks 5 and 9 glued: tokens add up, nothing merges at the boundary.
    String block5 = String.join("", first.subList(0, 512));
    String block9 = requests.get(3).prompt();
    assertEquals(512, qwen3.count(block9));
    assertEquals(1024, qwen3.count(block5 + block9));
    assertEquals(1024, qwen3.count(block9 + block5));
    assertEquals(1024, PromptTokenCounter.words(block5 + block9));
  }

  @Test
  void aPromptLongerThanItsBlocksEndsWithFillerOfItsOwnAndNoHashIdsIsAllFiller() {
    List<DatasetRequest> requests =
        build(WORDS, 16, entry(1, 40, 3), entry(2, 40, 3), entry(3, 40), entry(4, 40));
    List<String> a = words(requests.get(0));
    List<String> b = words(requests.get(1));
    assertEquals(40, a.size());
    assertEquals(a.subList(0, 16), b.subList(0, 16));
    assertNotEquals(a.subList(16, 40), b.subList(16, 40));
    assertNotEquals(words(requests.get(2)), words(requests.get(3)));
    for (DatasetRequest request : requests) {
      assertEquals(40, request.promptTokens());
    }
  }

  @Test
  void theSameSeedGivesTheSamePromptsAnotherSeedOthers() {
    List<TraceEntry> entries = TraceFileTest.read(TraceFileTest.MOONCAKE, TraceFormat.MOONCAKE).entries();
    List<DatasetRequest> once = TracePrompts.build(entries, WORDS, 512, 3).requests();
    assertEquals(once, TracePrompts.build(entries, WORDS, 512, 3).requests());
    assertNotEquals(once.get(0).prompt(), TracePrompts.build(entries, WORDS, 512, 4).requests().get(0).prompt());
  }

  @Test
  void aTokenizerThatAddsABosTokenCountsItInTheInputLength() {
    TextTokenizer tiny = TestTokenizers.tiny();
    assertEquals(1, tiny.specialTokenCount());
    List<DatasetRequest> requests = build(tiny, 16, entry(1, 40, 3, 4, 5), entry(2, 33, 3, 4), entry(3, 17));
    assertEquals(List.of(40, 33, 17), requests.stream().map(DatasetRequest::promptTokens).toList());
    assertEquals(39, PromptTokenCounter.words(requests.get(0).prompt()));
  }

  @Test
  void expectedBlockReuseCountsBlocksSeenInEarlierRequests() {
    // Block 1 is seen again in requests 2 and 3, block 2 in request 3, where it is partial (1000 < 2 x 512): it counts
    // as a reused block, not as reused tokens. Request 3's block 3 is beyond its input length: not counted.
    List<TraceEntry> entries = List.of(entry(1, 1024, 1, 2), entry(2, 512, 1), entry(3, 1000, 1, 2, 3), entry(4, 10));
    TracePrompts.BlockReuse reuse = TracePrompts.expectedBlockReuse(entries, 512);
    assertEquals(new TracePrompts.BlockReuse(5, 3, 2546, 2 * 512), reuse);
    assertEquals(0.6, reuse.blockShare(), 1e-12);
    assertEquals(1024.0 / 2546, reuse.tokenShare(), 1e-12);

    TracePrompts.BlockReuse sample =
        TracePrompts.expectedBlockReuse(TraceFileTest.read(TraceFileTest.MOONCAKE, TraceFormat.MOONCAKE).entries(), 512);
    assertEquals(new TracePrompts.BlockReuse(179, 57, 88_226, 29_184), sample);
  }

  private static List<String> words(DatasetRequest request) {
    List<String> words = new java.util.ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(" \\S+").matcher(request.prompt());
    while (m.find()) {
      words.add(m.group());
    }
    assertEquals(request.prompt(), String.join("", words));
    return words;
  }
}
