package io.github.gatlingllm.mock;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Counts prompt tokens without a tokenizer, deterministically: the number of whitespace-separated words in the text
 * of the prompt (completions: the string, or every string of an array, or one token per integer of a token-id
 * array; chat: every message's string content and every {@code "text"} of a content-part array), and at least 1.
 * {@code image_url} parts carry no words: {@link ImageParts} adds their tokens. The sum is reported as
 * {@code usage.prompt_tokens} and drives {@code ttftPerPromptTokenMs}.
 */
public final class PromptTokenCounter {

  private PromptTokenCounter() {}

  static int chatMessages(JsonNode messages) {
    long words = 0;
    for (JsonNode message : messages) {
      JsonNode content = message.path("content");
      if (content.isTextual()) {
        words += words(content.textValue());
      } else if (content.isArray()) {
        for (JsonNode part : content) {
          words += words(part.path("text").asText(""));
        }
      }
    }
    return atLeastOne(words);
  }

  static int completionPrompt(JsonNode prompt) {
    return atLeastOne(countPrompt(prompt));
  }

  private static long countPrompt(JsonNode prompt) {
    if (prompt.isTextual()) {
      return words(prompt.textValue());
    }
    if (prompt.isIntegralNumber()) {
      return 1; // one token id
    }
    long words = 0;
    if (prompt.isArray()) {
      for (JsonNode element : prompt) {
        words += countPrompt(element);
      }
    }
    return words;
  }

  /** The mock's count of one text: runs of non-whitespace characters (public so that tests can predict its usage). */
  public static int words(CharSequence text) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }

  private static int atLeastOne(long words) {
    return (int) Math.max(1, Math.min(words, Integer.MAX_VALUE));
  }
}
