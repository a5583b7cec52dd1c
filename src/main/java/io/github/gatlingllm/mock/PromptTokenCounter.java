package io.github.gatlingllm.mock;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Counts prompt tokens without a tokenizer, deterministically: the number of whitespace-separated words in the text
 * of the prompt (completions: the string, or every string of an array, or one token per integer of a token-id
 * array; chat: every message's string content and every {@code "text"} of a content-part array), and at least 1.
 * {@code image_url} parts carry no words: {@link ImageParts} adds their tokens. The sum is reported as
 * {@code usage.prompt_tokens} and drives {@code ttftPerPromptTokenMs}.
 *
 * <p>The walks that find those words ({@link #chatWords}, {@link #promptWords}) are shared with {@link PromptBlocks},
 * so that the prefix cache hashes exactly the tokens counted here, in the same order.
 */
public final class PromptTokenCounter {

  /** Receives a prompt's tokens in order: {@code text[start, end)} is one word (or one token id's digits). */
  interface WordSink {
    void word(CharSequence text, int start, int end);
  }

  private PromptTokenCounter() {}

  static int chatMessages(JsonNode messages) {
    Count count = new Count();
    chatWords(messages, count);
    return atLeastOne(count.words);
  }

  static int completionPrompt(JsonNode prompt) {
    Count count = new Count();
    promptWords(prompt, count);
    return atLeastOne(count.words);
  }

  /** The words of a chat request's messages, in order. */
  static void chatWords(JsonNode messages, WordSink sink) {
    for (JsonNode message : messages) {
      JsonNode content = message.path("content");
      if (content.isTextual()) {
        forEachWord(content.textValue(), sink);
      } else if (content.isArray()) {
        for (JsonNode part : content) {
          forEachWord(part.path("text").asText(""), sink);
        }
      }
    }
  }

  /** The tokens of a completions prompt (string, token id, or arrays of them), in order; ids give their digits. */
  static void promptWords(JsonNode prompt, WordSink sink) {
    if (prompt.isTextual()) {
      forEachWord(prompt.textValue(), sink);
    } else if (prompt.isIntegralNumber()) {
      String id = prompt.asText();
      sink.word(id, 0, id.length());
    } else if (prompt.isArray()) {
      for (JsonNode element : prompt) {
        promptWords(element, sink);
      }
    }
  }

  /** The mock's count of one text: runs of non-whitespace characters (public so that tests can predict its usage). */
  public static int words(CharSequence text) {
    Count count = new Count();
    forEachWord(text, count);
    return (int) count.words;
  }

  private static void forEachWord(CharSequence text, WordSink sink) {
    int start = -1;
    for (int i = 0; i < text.length(); i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (space && start >= 0) {
        sink.word(text, start, i);
        start = -1;
      } else if (!space && start < 0) {
        start = i;
      }
    }
    if (start >= 0) {
      sink.word(text, start, text.length());
    }
  }

  private static int atLeastOne(long words) {
    return (int) Math.max(1, Math.min(words, Integer.MAX_VALUE));
  }

  private static final class Count implements WordSink {
    long words;

    @Override
    public void word(CharSequence text, int start, int end) {
      words++;
    }
  }
}
