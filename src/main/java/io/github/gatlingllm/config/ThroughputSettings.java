package io.github.gatlingllm.config;

import java.util.List;

/**
 * The knobs of the offline throughput benchmark (vLLM {@code bench throughput} style): every prompt sent at once, no
 * cap.
 *
 * @param common the shared knobs (endpoint default {@code /v1/completions}, {@code ignoreEos} default true: vLLM's
 *     offline run generates exactly the requested lengths)
 * @param numPrompts requests, all sent at once
 * @param randomInputLen words per generated prompt
 * @param randomOutputLen {@code max_tokens} per request
 */
public record ThroughputSettings(CommonSettings common, int numPrompts, int randomInputLen, int randomOutputLen) {

  public static final List<String> PROPERTIES =
      CommonSettings.with("llm.numPrompts", "llm.randomInputLen", "llm.randomOutputLen");

  public static ThroughputSettings fromSystemProperties() {
    return from(LlmProperties.fromSystemProperties(PROPERTIES));
  }

  public static ThroughputSettings from(LlmProperties p) {
    return new ThroughputSettings(
        CommonSettings.from(p, ServingSettings.COMPLETIONS, true),
        p.integer("llm.numPrompts", 1000, 1),
        p.integer("llm.randomInputLen", 1024, 1),
        p.integer("llm.randomOutputLen", 128, 1));
  }
}
