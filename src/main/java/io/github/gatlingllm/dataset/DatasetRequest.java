package io.github.gatlingllm.dataset;

import java.util.Objects;

/**
 * One prepared request of a dataset: the prompt, its token count as the server will see it (special tokens included,
 * counted by the run's tokenizer when the dataset is built) and the {@code max_tokens} to send.
 *
 * @param prompt the text sent as the prompt (or as the user message on the chat endpoint)
 * @param promptTokens its token count, special tokens included
 * @param expectedOutputTokens the {@code max_tokens} to send; {@value #SERVER_DECIDES} lets the server decide
 */
public record DatasetRequest(String prompt, int promptTokens, int expectedOutputTokens) {

  /** {@link #expectedOutputTokens()} when no {@code max_tokens} is sent. */
  public static final int SERVER_DECIDES = -1;

  public DatasetRequest {
    Objects.requireNonNull(prompt, "prompt");
    if (promptTokens < 0) {
      throw new IllegalArgumentException("promptTokens must be >= 0, got " + promptTokens);
    }
    if (expectedOutputTokens < 1 && expectedOutputTokens != SERVER_DECIDES) {
      throw new IllegalArgumentException(
          "expectedOutputTokens must be >= 1, or " + SERVER_DECIDES + " to let the server decide, got "
              + expectedOutputTokens);
    }
  }

  /** A request for {@code prompt}, its tokens counted with {@code tokenizer}. */
  public static DatasetRequest counted(String prompt, TextTokenizer tokenizer, int expectedOutputTokens) {
    return new DatasetRequest(prompt, tokenizer.count(prompt), expectedOutputTokens);
  }
}
