package io.github.gatlingllm.action;

/**
 * What Gatling checks see of a finished, successful stream ({@code check(answer().is("x"))}): values the record
 * already holds at the end, so building it costs one small object per checked request.
 *
 * @param answer the generated visible text (reasoning apart), or null when no check asked for it (capturing costs a
 *     copy of every chunk's text)
 * @param outputTokens the output token count at the end of the stream: the server's usage, else one per chunk (a
 *     tokenizer count made later off the event loop is not known yet)
 * @param inputTokens the prompt's token count: the server's usage, else the request's {@code promptTokens}, else -1
 */
public record LlmResponse(String answer, int outputTokens, int inputTokens) {}
