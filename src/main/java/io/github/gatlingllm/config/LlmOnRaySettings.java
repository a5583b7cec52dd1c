package io.github.gatlingllm.config;

import java.util.List;

/**
 * The knobs of the LLM-on-Ray style benchmark, after its {@code benchmark_serving.py} flags.
 *
 * @param common the shared knobs (endpoint default {@code /v1/chat/completions}, as LLM-on-Ray's OpenAI mode;
 *     {@code ignoreEos} default false: LLM-on-Ray only sends it with {@code --vllm-engine})
 * @param numPrompts requests ({@code --num-prompts}, default 1000)
 * @param requestRate arrivals per second ({@code --request-rate}), {@link Double#POSITIVE_INFINITY} = all at once
 * @param inputTokens prompt length ({@code --input-tokens}, default 32; words until tokenizer-exact prompts land)
 * @param maxNewTokens {@code max_tokens} per request ({@code --max-new-tokens})
 */
public record LlmOnRaySettings(
    CommonSettings common, int numPrompts, double requestRate, int inputTokens, int maxNewTokens) {

  public static final List<String> PROPERTIES =
      CommonSettings.with("llm.numPrompts", "llm.requestRate", "llm.inputTokens", "llm.maxNewTokens");

  public static LlmOnRaySettings fromSystemProperties() {
    return from(LlmProperties.fromSystemProperties(PROPERTIES));
  }

  public static LlmOnRaySettings from(LlmProperties p) {
    return new LlmOnRaySettings(
        CommonSettings.from(p, ServingSettings.CHAT, false),
        p.integer("llm.numPrompts", 1000, 1),
        p.rate("llm.requestRate"),
        p.integer("llm.inputTokens", 32, 1),
        p.integer("llm.maxNewTokens", 128, 1));
  }
}
