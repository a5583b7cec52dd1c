package io.github.gatlingllm.suite.conversation;

import io.github.gatlingllm.dataset.TextTokenizer;
import java.util.HashMap;
import java.util.Map;

/**
 * The production stack's synthetic conversations: a system prompt of {@code systemPromptLen} words "hi" shared by
 * all users, a user context of {@code userInfoLen} more (one word is one token in the usual vocabularies), both in
 * the first message, then {@code "Here's question #n: can you tell me a new long story with a happy ending?"} each
 * round, with {@code answerLen} max tokens. The texts are the original's, so that the same server sees the same
 * prompts (and the same prefix-cache hits) from either tool.
 */
public final class SyntheticScript implements ConversationScript {
  private final int systemPromptLen;
  private final int userInfoLen;
  private final int answerLen;
  private final TextTokenizer tokenizer;
  /** Opening token counts by the number of digits of the user id (the only part of the text that varies). */
  private final Map<Integer, Integer> openingTokensByDigits = new HashMap<>();
  private final int[] questionTokens;

  /**
   * Counts the texts' tokens now, for users up to {@code maxUserId} and questions up to {@code maxQuestion}.
   *
   * @throws IllegalArgumentException when a length is negative
   */
  public SyntheticScript(
      TextTokenizer tokenizer, int systemPromptLen, int userInfoLen, int answerLen, long maxUserId, int maxQuestion) {
    if (systemPromptLen < 0 || userInfoLen < 0) {
      throw new IllegalArgumentException(
          "sharedSystemPrompt and userHistoryPrompt: expected >= 0 tokens, got " + systemPromptLen + " and "
              + userInfoLen);
    }
    if (answerLen < 1) {
      throw new IllegalArgumentException("answerLen: expected >= 1 token, got " + answerLen);
    }
    this.tokenizer = tokenizer;
    this.systemPromptLen = systemPromptLen;
    this.userInfoLen = userInfoLen;
    this.answerLen = answerLen;
    for (int digits = 1; digits <= Long.toString(Math.max(1, maxUserId)).length(); digits++) {
      long sampleId = (long) Math.pow(10, digits - 1);
      openingTokensByDigits.put(digits, tokenizer.count(openingText(sampleId)));
    }
    questionTokens = new int[maxQuestion + 1];
    for (int n = 1; n <= maxQuestion; n++) {
      questionTokens[n] = tokenizer.count(questionText(n));
    }
  }

  static String openingText(long userId, int systemPromptLen, int userInfoLen) {
    return "Hi, here's some system prompt: " + his(systemPromptLen) + ".For user " + userId
        + ", here are some other context: " + his(userInfoLen) + ".";
  }

  private String openingText(long userId) {
    return openingText(userId, systemPromptLen, userInfoLen);
  }

  static String questionText(int number) {
    return "Here's question #" + number + ": can you tell me a new long story with a happy ending?";
  }

  private static String his(int count) {
    return count == 0 ? "" : "hi" + " hi".repeat(count - 1);
  }

  @Override
  public Turn opening(long userId) {
    Integer tokens = openingTokensByDigits.get(Long.toString(userId).length());
    return new Turn(openingText(userId), tokens != null ? tokens : tokenizer.count(openingText(userId)));
  }

  @Override
  public Turn question(long userId, int number) {
    int tokens = number < questionTokens.length ? questionTokens[number] : tokenizer.count(questionText(number));
    return new Turn(questionText(number), tokens);
  }

  @Override
  public int maxTokens(long userId, int number) {
    return answerLen;
  }
}
