package io.github.gatlingllm.suite.reports;

import io.github.gatlingllm.report.RunOrigin;

import io.github.gatlingllm.metrics.RequestRecord;

/**
 * One answered request of a multi-round QA run, in the production stack's terms and units (seconds; launch and
 * finish as wall-clock seconds since 1970).
 *
 * @param promptTokens input tokens (the server's usage, else the tokenizer's count)
 * @param generationTokens output tokens
 * @param ttft launch to first token, s
 * @param generationTime first token to the end of the stream, s
 * @param userId the conversation user
 * @param questionId the request's round in the user's conversation, from 1
 * @param launchTime when it was sent, epoch s
 * @param finishTime when the stream ended, epoch s
 */
public record MultiRoundQaRow(
    long promptTokens,
    long generationTokens,
    double ttft,
    double generationTime,
    long userId,
    int questionId,
    double launchTime,
    double finishTime) {

  /** The row of a successful request of a conversation (see {@link #accepts}). */
  public static MultiRoundQaRow of(RequestRecord r, RunOrigin origin) {
    return new MultiRoundQaRow(
        Math.max(0, r.promptTokens()),
        Math.max(0, r.outputTokens()),
        r.ttftNanos() / 1e9,
        (r.endNanos() - r.firstChunkNanos()) / 1e9,
        r.conversationUser(),
        r.conversationRound(),
        origin.epochSeconds(r.sendNanos()),
        origin.epochSeconds(r.endNanos()));
  }

  /** Whether the request has a row: it belongs to a conversation and was answered (the original only keeps those). */
  public static boolean accepts(RequestRecord r) {
    return r.conversationRound() > 0 && r.success();
  }
}
