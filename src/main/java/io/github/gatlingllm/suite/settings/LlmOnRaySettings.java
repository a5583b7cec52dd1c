package io.github.gatlingllm.suite.settings;

import io.github.gatlingllm.javaapi.LlmLoad;
import java.util.List;

/**
 * The knobs of the LLM-on-Ray style benchmark, after its {@code benchmark_serving.py} flags.
 *
 * @param common the shared knobs (endpoint default {@code /v1/chat/completions}, as LLM-on-Ray's OpenAI mode;
 *     {@code ignoreEos} default false: LLM-on-Ray only sends it with {@code --vllm-engine})
 * @param numPrompts requests ({@code --num-prompts}, default 1000)
 * @param requestRate arrivals per second ({@code --request-rate}), {@link Double#POSITIVE_INFINITY} = all at once
 * @param dataset the prompts: LLM-on-Ray's IPEX {@code prompt.json} by default ({@code llm.modelType},
 *     {@code llm.inputTokens} as {@code --input-tokens}, {@code llm.maxNewTokens} as {@code --max-new-tokens}), or
 *     {@code llm.dataset=sharegpt} like its ShareGPT mode
 */
public record LlmOnRaySettings(CommonSettings common, int numPrompts, double requestRate, DatasetSettings dataset) {

  public static final List<String> PROPERTIES = DatasetSettings.withCommon(DatasetSettings.NUM_PROMPTS, ServingSettings.REQUEST_RATE);

  public static LlmOnRaySettings fromSystemProperties() {
    return from(LlmProperties.fromSystemProperties(PROPERTIES));
  }

  public static LlmOnRaySettings from(LlmProperties p) {
    return new LlmOnRaySettings(
        CommonSettings.from(p, ServingSettings.CHAT, false).alone("the LLM-on-Ray benchmark"),
        DatasetSettings.numPrompts(p),
        ServingSettings.requestRate(p),
        DatasetSettings.from(p, "ipex"));
  }

  /**
   * The load: {@code llm.numPrompts} requests all at once, or at {@code llm.requestRate} drawn as LLM-on-Ray draws its
   * arrivals (the first at 0, an exponential gap after each, not rescaled), seeded by {@code llm.seed}.
   */
  public LlmLoad load() {
    return Double.isInfinite(requestRate)
        ? LlmLoad.requests(numPrompts).atOnce()
        : LlmLoad.poisson(numPrompts).perSecondLikeLlmOnRay(requestRate).seed(common.seed());
  }
}
