package io.github.gatlingllm.metrics;

/** Where an output (or input) token count came from, best first. */
public enum TokenSource {
  /** The server's {@code usage} object. */
  USAGE,
  /** Counted with the tokenizer on the generated text (or the prompt). */
  TOKENIZER,
  /** Output only: the number of chunks with non-empty choices (one token per chunk assumed). */
  CHUNKS,
  /** Nothing known. */
  NONE
}
