package io.github.gatlingllm.suite.conversation;

/**
 * What the users of a multi-round run say: the opening of a user's first message (shared system prompt and the
 * user's own context), its questions, and how long each answer may be. Everything is prepared before the load; the
 * methods only look things up.
 */
public interface ConversationScript {

  /** The text put before a user's first question (the shared system prompt, then the user's context). */
  Turn opening(long userId);

  /** Question {@code number} (from 1) of user {@code userId}. */
  Turn question(long userId, int number);

  /** {@code max_tokens} for the answer to question {@code number}. */
  int maxTokens(long userId, int number);
}
