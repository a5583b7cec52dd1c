package io.github.gatlingllm.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.mock.PromptTokenCounter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SGLang's generated-shared-prefix: groups share their system prompt, every prompt is of exact length. */
class SharedPrefixDatasetTest {
  private static final WordTestTokenizer WORDS = new WordTestTokenizer();

  private static SharedPrefixDataset.Settings settings(SharedPrefixDataset.Order order, long seed) {
    return new SharedPrefixDataset.Settings(4, 3, 40, 10, 7, order, seed);
  }

  @Test
  void groupedPromptsShareTheirGroupsPrefixOnlyAndHaveExactLengths() {
    List<DatasetRequest> requests =
        SharedPrefixDataset.generate(WORDS, settings(SharedPrefixDataset.Order.GROUPED, 1)).requests();
    assertEquals(12, requests.size());
    for (int i = 0; i < requests.size(); i++) {
      DatasetRequest request = requests.get(i);
      assertEquals(50, request.promptTokens());
      assertEquals(50, PromptTokenCounter.words(request.prompt()));
      assertEquals(7, request.expectedOutputTokens());
      String prefix = prefix(request, 40);
      assertEquals(prefix(requests.get(i / 3 * 3), 40), prefix, "prompt " + i);
      if (i >= 3) {
        assertNotEquals(prefix(requests.get(i - 3), 40), prefix, "prompt " + i);
      }
    }
    assertNotEquals(requests.get(0).prompt(), requests.get(1).prompt());
  }

  @Test
  void shuffledIsTheSamePromptsInASeededOrder() {
    List<DatasetRequest> grouped =
        SharedPrefixDataset.generate(WORDS, settings(SharedPrefixDataset.Order.GROUPED, 1)).requests();
    List<DatasetRequest> shuffled =
        SharedPrefixDataset.generate(WORDS, settings(SharedPrefixDataset.Order.SHUFFLED, 1)).requests();
    assertNotEquals(grouped, shuffled);
    assertEquals(new java.util.HashSet<>(grouped), new java.util.HashSet<>(shuffled));
    assertEquals(shuffled, SharedPrefixDataset.generate(WORDS, settings(SharedPrefixDataset.Order.SHUFFLED, 1)).requests());
    Map<String, Integer> perPrefix = new HashMap<>();
    shuffled.forEach(r -> perPrefix.merge(prefix(r, 40), 1, Integer::sum));
    assertEquals(Map.of(3, 4), countsOf(perPrefix));
  }

  @Test
  void exactWithQwen3AndWithABosTokenizer() {
    SharedPrefixDataset.Settings settings =
        new SharedPrefixDataset.Settings(2, 2, 300, 50, 16, SharedPrefixDataset.Order.SHUFFLED, 0);
    for (TextTokenizer tokenizer : List.of(TestTokenizers.qwen3(), TestTokenizers.tiny())) {
      LoadedDataset dataset = SharedPrefixDataset.generate(tokenizer, settings);
      assertEquals(List.of(), dataset.notes());
      for (DatasetRequest request : dataset.requests()) {
        assertEquals(350, request.promptTokens(), tokenizer.id());
        assertEquals(350, tokenizer.count(request.prompt()), tokenizer.id());
      }
    }
    assertTrue(SharedPrefixDataset.generate(WORDS, settings).report()
        .startsWith("shared-prefix: 2 groups x 2 prompts = 4 requests of 300 shared + 50 own tokens"));
  }

  @Test
  void sglangsDefaultsAndBadSettingsNamed() {
    assertEquals(new SharedPrefixDataset.Settings(64, 16, 2048, 128, 256, SharedPrefixDataset.Order.SHUFFLED, 0),
        SharedPrefixDataset.Settings.defaults());
    String message = assertThrows(IllegalArgumentException.class,
        () -> new SharedPrefixDataset.Settings(0, 1, 1, 1, 1, SharedPrefixDataset.Order.GROUPED, 0)).getMessage();
    assertEquals("prefixGroups must be >= 1, got 0", message);
  }

  private static String prefix(DatasetRequest request, int words) {
    String prompt = request.prompt();
    int at = 0;
    for (int w = 0; w <= words; w++) {
      at = prompt.indexOf(' ', at + 1);
      if (w == words - 1) {
        return prompt.substring(0, at);
      }
    }
    throw new AssertionError();
  }

  private static Map<Integer, Integer> countsOf(Map<String, Integer> perPrefix) {
    Map<Integer, Integer> counts = new HashMap<>();
    perPrefix.values().forEach(c -> counts.merge(c, 1, Integer::sum));
    return counts;
  }
}
