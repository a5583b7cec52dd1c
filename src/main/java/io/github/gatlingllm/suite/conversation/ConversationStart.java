package io.github.gatlingllm.suite.conversation;

/**
 * One simulated user of a multi-round run.
 *
 * @param userId the user's id (sent as {@code x-user-id} when enabled, and in the per-request CSV)
 * @param arrivalSeconds when the user enters the run, from the load start
 * @param firstDelaySeconds from its arrival to its first request
 * @param rounds how many requests it sends
 * @param firstQuestion the number of its first question ({@code "question #n"}; above 1 for the steady-state cohort)
 */
public record ConversationStart(
    long userId, double arrivalSeconds, double firstDelaySeconds, int rounds, int firstQuestion) {}
