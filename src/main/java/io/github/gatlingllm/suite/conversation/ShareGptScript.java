package io.github.gatlingllm.suite.conversation;

import io.github.gatlingllm.dataset.ShareGptDialogues;

/**
 * The production stack's ShareGPT mode: user {@code u} asks the user turns of qualifying conversation
 * {@code u mod total} in order, each answer capped at the recorded answer's length and at {@code answerLen}; the
 * first message starts with the synthetic opening (shared system prompt and user context), as in the original.
 */
public final class ShareGptScript implements ConversationScript {
  private final ShareGptDialogues.Loaded dialogues;
  private final SyntheticScript opening;
  private final int answerLen;

  public ShareGptScript(ShareGptDialogues.Loaded dialogues, SyntheticScript opening, int answerLen) {
    this.dialogues = dialogues;
    this.opening = opening;
    this.answerLen = answerLen;
  }

  @Override
  public Turn opening(long userId) {
    return opening.opening(userId);
  }

  @Override
  public Turn question(long userId, int number) {
    ShareGptDialogues.Dialogue dialogue = dialogues.forUser(userId);
    return new Turn(dialogue.questions().get(number - 1), dialogue.questionTokens()[number - 1]);
  }

  @Override
  public int maxTokens(long userId, int number) {
    return Math.max(1, Math.min(dialogues.forUser(userId).answerTokens()[number - 1], answerLen));
  }
}
