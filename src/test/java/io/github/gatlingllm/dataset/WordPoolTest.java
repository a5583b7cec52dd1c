package io.github.gatlingllm.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.mock.PromptTokenCounter;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The word tokens: one token per word with every tokenizer the project ships or tests with, never merged. */
class WordPoolTest {

  private static final WordTestTokenizer WORDS = new WordTestTokenizer();

  /** By name: JUnit closes AutoCloseable arguments, and the shared tokenizers must stay open. */
  static Stream<String> tokenizers() {
    return Stream.of("qwen3", "tiny", "words");
  }

  static TextTokenizer tokenizer(String name) {
    return switch (name) {
      case "qwen3" -> TestTokenizers.qwen3();
      case "tiny" -> TestTokenizers.tiny();
      default -> WORDS;
    };
  }

  @ParameterizedTest
  @MethodSource("tokenizers")
  void everyWordIsOneSpaceThenLettersAndOneToken(String name) {
    TextTokenizer tokenizer = tokenizer(name);
    WordPool pool = WordPool.of(tokenizer);
    assertTrue(pool.size() >= WordPool.MIN_WORDS, "pool of " + pool.size());
    for (int i = 0; i < pool.size(); i++) {
      String word = pool.word(i);
      assertTrue(word.matches(" [\\p{L}\\p{N}]+"), word);
      assertEquals(1, tokenizer.encodeBody(word).length, word);
    }
    assertSame(pool, WordPool.of(tokenizer));
  }

  @ParameterizedTest
  @MethodSource("tokenizers")
  void randomWordsReEncodeToExactlyTheirCountAndTheMockCountsTheSame(String name) {
    TextTokenizer tokenizer = tokenizer(name);
    WordPool pool = WordPool.of(tokenizer);
    StringBuilder text = new StringBuilder();
    pool.append(text, WordPool.random(7, 1, 1), 300);
    pool.append(text, WordPool.random(7, 1, 2), 211);
    assertEquals(511, tokenizer.encodeBody(text.toString()).length);
    assertEquals(511 + tokenizer.specialTokenCount(), tokenizer.count(text.toString()));
    assertEquals(511, PromptTokenCounter.words(text));
  }

  @Test
  void qwen3HasAFullPool() {
    assertEquals(WordPool.MAX_WORDS, WordPool.of(TestTokenizers.qwen3()).size());
  }

  @Test
  void theSameSeedDomainAndNumberGiveTheSameWordsOthersDoNot() {
    WordPool pool = WordPool.of(new WordTestTokenizer());
    assertEquals(words(pool, 1, 2, 3), words(pool, 1, 2, 3));
    assertNotEquals(words(pool, 1, 2, 3), words(pool, 1, 2, 4));
    assertNotEquals(words(pool, 1, 2, 3), words(pool, 1, 3, 3));
    assertNotEquals(words(pool, 1, 2, 3), words(pool, 2, 2, 3));
  }

  @Test
  void aTokenizerWithoutWordsIsRefusedByName() {
    TextTokenizer digits =
        new TextTokenizer() {
          @Override
          public int[] encode(String text) {
            return text.chars().toArray();
          }

          @Override
          public String decode(int[] ids, boolean skipSpecialTokens) {
            return "!";
          }

          @Override
          public int vocabSize() {
            return 10;
          }

          @Override
          public String id() {
            return "bangs";
          }
        };
    String message = assertThrows(IllegalArgumentException.class, () -> WordPool.of(digits)).getMessage();
    assertTrue(message.contains("'bangs' has 0 word tokens"), message);
  }

  private static String words(WordPool pool, long seed, long domain, long number) {
    StringBuilder text = new StringBuilder();
    pool.append(text, WordPool.random(seed, domain, number), 32);
    return text.toString();
  }
}
