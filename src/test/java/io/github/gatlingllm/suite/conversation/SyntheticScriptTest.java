package io.github.gatlingllm.suite.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.dataset.Tokenizers;
import io.github.gatlingllm.dataset.WordTestTokenizer;
import org.junit.jupiter.api.Test;

class SyntheticScriptTest {

  @Test
  void textsAreTheProductionStacksOnes() {
    SyntheticScript script = new SyntheticScript(new WordTestTokenizer(), 3, 2, 64, 20, 5);
    assertEquals(
        "Hi, here's some system prompt: hi hi hi.For user 12, here are some other context: hi hi.",
        script.opening(12).text());
    assertEquals(
        "Here's question #4: can you tell me a new long story with a happy ending?", script.question(12, 4).text());
    assertEquals(64, script.maxTokens(12, 4));
  }

  @Test
  void tokenCountsAreTheTokenizersCounted() {
    WordTestTokenizer words = new WordTestTokenizer();
    SyntheticScript script = new SyntheticScript(words, 100, 200, 64, 20, 5);
    assertEquals(words.count(script.opening(7).text()), script.opening(7).tokens());
    assertEquals(15, script.question(7, 3).tokens());
  }

  /** Counted once per number of digits of the user id: with a real tokenizer, within a token of the exact count. */
  @Test
  void openingCountsHoldForEveryUserIdWithARealTokenizer() {
    TextTokenizer qwen3 = Tokenizers.load("datasets/tokenizers/qwen3");
    SyntheticScript script = new SyntheticScript(qwen3, 50, 20, 64, 1200, 3);
    for (long id : new long[] {1, 9, 10, 57, 99, 100, 123, 999, 1000, 1200}) {
      int exact = qwen3.count(script.opening(id).text());
      assertTrue(Math.abs(exact - script.opening(id).tokens()) <= 1, "user " + id + ": " + exact);
    }
  }

  @Test
  void negativeLengthsAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new SyntheticScript(new WordTestTokenizer(), -1, 2, 4, 1, 1));
    assertTrue(e.getMessage().contains("expected >= 0 tokens, got -1 and 2"), e.getMessage());
  }
}
