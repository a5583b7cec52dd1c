package io.github.gatlingllm.mock;

/**
 * The {@code usage} object of an OpenAI answer, written by hand in one place for the streamed usage chunk ({@link
 * SseChunkEncoder}) and the non-streamed document ({@link JsonResponseSink}), in OpenAI's key order: {@code
 * prompt_tokens, completion_tokens, total_tokens}, then {@code prompt_tokens_details.cached_tokens} while the prefix
 * cache is on (as vLLM with {@code --enable-prompt-tokens-details}, and OpenAI always), then {@code
 * completion_tokens_details.reasoning_tokens} for a reasoning stream.
 *
 * @param cachedTokens prompt tokens served from the prefix cache, or {@link #NOT_REPORTED} when the cache is off
 * @param reasoningTokens 0: no {@code completion_tokens_details}
 */
record TokenUsage(int promptTokens, int cachedTokens, int completionTokens, int reasoningTokens) {
  static final int NOT_REPORTED = -1;

  String json() {
    StringBuilder json =
        new StringBuilder(128)
            .append("{\"prompt_tokens\":").append(promptTokens)
            .append(",\"completion_tokens\":").append(completionTokens)
            .append(",\"total_tokens\":").append((long) promptTokens + completionTokens);
    if (cachedTokens != NOT_REPORTED) {
      json.append(",\"prompt_tokens_details\":{\"cached_tokens\":").append(cachedTokens).append('}');
    }
    if (reasoningTokens > 0) {
      json.append(",\"completion_tokens_details\":{\"reasoning_tokens\":").append(reasoningTokens).append('}');
    }
    return json.append('}').toString();
  }
}
