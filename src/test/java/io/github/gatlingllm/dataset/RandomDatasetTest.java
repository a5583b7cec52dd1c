package io.github.gatlingllm.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RandomDatasetTest {

  @Test
  void withRatioZeroEveryTinyPromptHasExactlyTheRequestedCount() {
    TextTokenizer tiny = TestTokenizers.tiny();
    RandomDataset.Result result = RandomDataset.generate(tiny, 1000, new RandomDataset.Settings(48, 20, 0.0, 0, 1L));
    // How often the decode/re-encode correction was needed, and failed, with this tokenizer's merging pieces.
    System.out.printf("tiny, 1000 x 48 tokens: %d prompts corrected, %d inexact%n", result.correctedPrompts(),
        result.inexactPrompts());
    assertEquals(1000, result.requests().size());
    assertEquals(0, result.inexactPrompts());
    assertTrue(result.correctedPrompts() > 0, "the tiny tokenizer should exercise the correction loop");
    for (DatasetRequest request : result.requests()) {
      assertEquals(48, request.promptTokens());
      assertEquals(48, tiny.count(request.prompt()));
      assertEquals(47, tiny.encodeBody(request.prompt()).length);
      assertEquals(20, request.expectedOutputTokens());
    }
  }

  @Test
  void withRatioZeroEveryQwen3PromptHasExactlyTheRequestedCount() {
    TextTokenizer qwen3 = TestTokenizers.qwen3();
    RandomDataset.Result result = RandomDataset.generate(qwen3, 50, new RandomDataset.Settings(1024, 128, 0, 0, 0L));
    System.out.printf("qwen3, 50 x 1024 tokens: %d prompts corrected, %d inexact%n", result.correctedPrompts(),
        result.inexactPrompts());
    assertEquals(0, result.inexactPrompts());
    for (DatasetRequest request : result.requests()) {
      assertEquals(1024, request.promptTokens());
      assertEquals(1024, qwen3.count(request.prompt()));
      assertEquals(128, request.expectedOutputTokens());
    }
  }

  @Test
  void promptsAreRunsOfConsecutiveSampleableIdsFromDifferentOffsets() {
    TextTokenizer tiny = TestTokenizers.tiny();
    int[] pool = tiny.sampleableIds();
    List<DatasetRequest> requests = RandomDataset.sample(tiny, 200, new RandomDataset.Settings(9, 5, 0, 0, 3L));
    int runs = 0;
    java.util.Set<Integer> firstIds = new java.util.HashSet<>();
    for (DatasetRequest request : requests) {
      int[] body = tiny.encodeBody(request.prompt());
      firstIds.add(body[0]);
      boolean run = true;
      for (int j = 1; j < body.length; j++) {
        int previous = Arrays.binarySearch(pool, body[j - 1]);
        run &= previous >= 0 && body[j] == pool[(previous + 1) % pool.length];
      }
      runs += run ? 1 : 0;
    }
    // Most prompts survive decode/re-encode unchanged; the others were cut or padded.
    assertTrue(runs > 150, "consecutive runs: " + runs);
    assertTrue(firstIds.size() > 100, "distinct first ids: " + firstIds.size());
  }

  @Test
  void withRatioHalfLengthsStayWithinAndCoverTheirBounds() {
    TextTokenizer tiny = TestTokenizers.tiny();
    // 41 tokens = BOS + 40 body tokens: bodies in [20, 60], prompts in [21, 61]; outputs in [50, 150].
    RandomDataset.Result result =
        RandomDataset.generate(tiny, 3000, new RandomDataset.Settings(41, 100, 0.5, 0, 7L));
    assertEquals(0, result.inexactPrompts());
    IntSummaryStatistics inputs = result.requests().stream().mapToInt(DatasetRequest::promptTokens).summaryStatistics();
    IntSummaryStatistics outputs =
        result.requests().stream().mapToInt(DatasetRequest::expectedOutputTokens).summaryStatistics();
    assertEquals(21, inputs.getMin());
    assertEquals(61, inputs.getMax());
    assertEquals(50, outputs.getMin());
    assertEquals(150, outputs.getMax());
    assertEquals(41, result.requests().stream().map(DatasetRequest::promptTokens).distinct().count());
    assertEquals(101, result.requests().stream().map(DatasetRequest::expectedOutputTokens).distinct().count());
    assertEquals(41.0, inputs.getAverage(), 1.0);
    assertEquals(100.0, outputs.getAverage(), 2.0);
  }

  @Test
  void oddBoundsUseFloorBelowAndCeilingAboveAndOutputsNeverDropBelowOne() {
    TextTokenizer qwen3 = TestTokenizers.qwen3();
    // 15 * 0.9 = 13.5 -> [13, 17]... outputs: 1 * (1 - 0.9) = 0.1 -> [1, 2]
    List<DatasetRequest> requests = RandomDataset.sample(qwen3, 400, new RandomDataset.Settings(15, 1, 0.1, 0, 5L));
    IntSummaryStatistics inputs = requests.stream().mapToInt(DatasetRequest::promptTokens).summaryStatistics();
    assertEquals(13, inputs.getMin());
    assertEquals(17, inputs.getMax());
    assertEquals(List.of(1, 2), requests.stream().map(DatasetRequest::expectedOutputTokens).distinct().sorted()
        .collect(Collectors.toList()));
  }

  @Test
  void theRandomPrefixIsSharedByEveryPromptAndComesOnTopOfTheInputLength() {
    for (TextTokenizer tokenizer : List.of(TestTokenizers.tiny(), TestTokenizers.qwen3())) {
      List<DatasetRequest> requests =
          RandomDataset.sample(tokenizer, 100, new RandomDataset.Settings(64, 8, 0, 32, 11L));
      int[] first = tokenizer.encodeBody(requests.get(0).prompt());
      int shared = first.length;
      for (DatasetRequest request : requests) {
        assertEquals(96, request.promptTokens(), tokenizer.id());
        int[] body = tokenizer.encodeBody(request.prompt());
        int differAt = Arrays.mismatch(first, body);
        shared = Math.min(shared, differAt < 0 ? body.length : differAt);
      }
      System.out.printf("%s: ids shared by all prompts: %d (prefix 32)%n", tokenizer.id(), shared);
      // As in vLLM the prefix and body are decoded together: the prefix's last id may merge with the first body id
      // (tiny's "##" suffixes do; Qwen3 keeps all 32 here).
      assertTrue(shared >= 31, tokenizer.id() + " shares " + shared);
    }
    // 100 runs from random offsets into Qwen3's 151,643 ids: all different (tiny's 191 ids give duplicates).
    assertEquals(100, RandomDataset.sample(TestTokenizers.qwen3(), 100, new RandomDataset.Settings(64, 8, 0, 32, 11L))
        .stream().map(DatasetRequest::prompt).distinct().count());
  }

  @Test
  void theSameSeedGivesTheSamePromptsAndAnotherSeedOthers() {
    TextTokenizer tiny = TestTokenizers.tiny();
    RandomDataset.Settings settings = new RandomDataset.Settings(30, 10, 0.3, 5, 42L);
    List<DatasetRequest> first = RandomDataset.sample(tiny, 100, settings);
    assertEquals(first, RandomDataset.sample(tiny, 100, settings));
    List<DatasetRequest> other = RandomDataset.sample(tiny, 100, new RandomDataset.Settings(30, 10, 0.3, 5, 43L));
    assertNotEquals(first.get(0).prompt(), other.get(0).prompt());
  }

  @Test
  void whenExactnessIsImpossibleTheClosestTextIsKeptWithItsRealCount() {
    RandomDataset.Result result =
        RandomDataset.generate(new GrowingTokenizer(), 20, new RandomDataset.Settings(12, 4, 0, 0, 1L));
    assertEquals(20, result.inexactPrompts());
    assertEquals(20, result.correctedPrompts());
    assertEquals(20, result.tokenMismatch());
    for (DatasetRequest request : result.requests()) {
      assertEquals(13, request.promptTokens());
    }
  }

  @Test
  void invalidSettingsAreRejectedWithTheirValue() {
    for (double ratio : new double[] {1.0, -0.1, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new RandomDataset.Settings(10, 10, ratio, 0, 0L));
      assertEquals("randomRangeRatio must be in [0, 1), got " + ratio, e.getMessage());
    }
    assertEquals("randomOutputLen must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> new RandomDataset.Settings(10, 0, 0, 0, 0L)).getMessage());
    assertEquals("randomPrefixLen must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
        () -> new RandomDataset.Settings(10, 1, 0, -1, 0L)).getMessage());
    IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class,
        () -> RandomDataset.sample(TestTokenizers.tiny(), 1, new RandomDataset.Settings(1, 1, 0, 0, 0L)));
    assertTrue(tooSmall.getMessage().startsWith("randomInputLen 1 is too small: with 1 special token(s) added by "
        + "tokenizer 'datasets/tokenizers/tiny'"), tooSmall.getMessage());
    // The prefix alone is enough.
    assertEquals(4, RandomDataset.sample(TestTokenizers.tiny(), 1, new RandomDataset.Settings(1, 1, 0, 3, 0L))
        .get(0).promptTokens());
  }

  /** Words {@code t<id>}; every decoded text ends with an extra {@code t0}, so a text is always one id longer. */
  private static final class GrowingTokenizer implements TextTokenizer {
    @Override
    public int[] encode(String text) {
      if (text.isBlank()) {
        return new int[0];
      }
      return Arrays.stream(text.trim().split(" +")).mapToInt(word -> Integer.parseInt(word.substring(1))).toArray();
    }

    @Override
    public String decode(int[] ids, boolean skipSpecialTokens) {
      return Arrays.stream(ids).mapToObj(id -> "t" + id).collect(Collectors.joining(" ")) + " t0";
    }

    @Override
    public int vocabSize() {
      return 10;
    }

    @Override
    public String id() {
      return "growing";
    }
  }
}
