package io.github.gatlingllm.suite.conversation;

/**
 * A text a user sends, with its token count by the run's tokenizer (counted before the load, never on an event loop).
 *
 * @param text the text
 * @param tokens its token count, used to keep a history under {@code maxInputLen}
 */
public record Turn(String text, int tokens) {}
