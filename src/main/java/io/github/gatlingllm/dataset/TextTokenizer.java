package io.github.gatlingllm.dataset;

/**
 * What the datasets need from a tokenizer: counting a prompt's tokens as the server will, and turning token ids back
 * and forth (vLLM's random dataset builds prompts from ids). Implementations are thread-safe and are only ever used
 * before the load (dataset preparation) or off Gatling's event loops: tokenizing costs about 1 ms per 450 tokens.
 */
public interface TextTokenizer {

  /** The ids of {@code text}, with the special tokens a server adds to a prompt (vLLM's prompt length). */
  int[] encode(String text);

  /** The text of {@code ids}; special tokens are skipped when {@code skipSpecialTokens}. */
  String decode(int[] ids, boolean skipSpecialTokens);

  /** Number of ids in the vocabulary (base vocabulary plus added tokens). */
  int vocabSize();

  /** A name for reports ({@code tokenizer_id}), e.g. the path or resource it was loaded from. */
  String id();

  /** Token count of {@code text}: {@code encode(text).length}. */
  default int count(String text) {
    return encode(text).length;
  }

  /**
   * The ids of {@code text} without the special tokens {@link #encode} adds (the body of a prompt). The default is
   * {@link #encode}, right for tokenizers that add none; tokenizers that add some (a BOS token) override it.
   */
  default int[] encodeBody(String text) {
    return encode(text);
  }

  /** How many special tokens {@link #encode} adds to a text (vLLM's {@code num_special_tokens_to_add}). */
  default int specialTokenCount() {
    return encode("").length - encodeBody("").length;
  }

  /**
   * The ids synthetic text may be built from, ascending: the base vocabulary without special tokens (vLLM's random
   * dataset draws from these). The default is every id below {@link #vocabSize()}.
   */
  default int[] sampleableIds() {
    int[] ids = new int[vocabSize()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
    }
    return ids;
  }
}
