package io.github.gatlingllm.suite.settings;

import java.util.List;

/**
 * The knobs of the offline throughput benchmark (vLLM {@code bench throughput} style): every prompt sent at once, no
 * cap. The prompts are the serving benchmark's ({@link DatasetSettings}: random by default, {@code llm.randomInputLen}
 * / {@code llm.randomOutputLen} 1024 / 128), so that the design's reference run (1000 ShareGPT prompts) can be
 * reproduced with {@code llm.dataset=sharegpt}.
 *
 * @param common the shared knobs (endpoint default {@code /v1/completions}, {@code ignoreEos} default true: vLLM's
 *     offline run generates exactly the requested lengths)
 * @param numPrompts requests, all sent at once
 * @param dataset the prompts and their {@code max_tokens}: with ShareGPT each conversation's recorded answer length
 *     unless {@code llm.sharegptOutputLen} (vLLM's {@code --output-len}) overrides it
 */
public record ThroughputSettings(CommonSettings common, int numPrompts, DatasetSettings dataset) {

  public static final List<String> PROPERTIES = DatasetSettings.withCommon("llm.numPrompts");

  public static ThroughputSettings fromSystemProperties() {
    return from(LlmProperties.fromSystemProperties(PROPERTIES));
  }

  public static ThroughputSettings from(LlmProperties p) {
    return new ThroughputSettings(
        CommonSettings.from(p, ServingSettings.COMPLETIONS, true),
        p.integer("llm.numPrompts", 1000, 1),
        DatasetSettings.from(p));
  }
}
