package io.github.gatlingllm.dataset;

import java.util.Locale;

/**
 * How a model's chat template wraps one user message, with the assistant's generation prompt after it: what the
 * server tokenizes on the chat endpoint. Only the two forms the datasets need, not a template engine.
 */
@FunctionalInterface
public interface ChatTemplate {

  /** No template: the text is what is tokenized. */
  ChatTemplate NONE = message -> message;

  /** ChatML, as Qwen3's template renders one user message and the generation prompt (no system message). */
  ChatTemplate CHATML = message -> "<|im_start|>user\n" + message + "<|im_end|>\n<|im_start|>assistant\n";

  /** The text a server tokenizes for {@code userMessage}. */
  String apply(String userMessage);

  /** {@code none} or {@code chatml}, in any case. */
  static ChatTemplate byName(String name) {
    switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
      case "none":
        return NONE;
      case "chatml":
        return CHATML;
      default:
        throw new IllegalArgumentException("Unknown chat template: '" + name + "' (expected none or chatml)");
    }
  }
}
