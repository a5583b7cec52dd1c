package io.github.gatlingllm;

import io.github.gatlingllm.api.OpenAiChatDialect;
import io.github.gatlingllm.api.OpenAiCompletionsDialect;
import io.github.gatlingllm.api.LlmOnRaySimpleDialect;
import io.github.gatlingllm.api.TgiGenerateDialect;
import io.github.gatlingllm.javaapi.LlmLoad;
import io.github.gatlingllm.javaapi.LlmProtocolBuilder;
import io.github.gatlingllm.javaapi.LlmRequestBuilder;
import io.github.gatlingllm.metrics.RampUp;

/**
 * Entry points for simulations: {@code import static io.github.gatlingllm.LlmDsl.*;}
 *
 * <pre>{@code
 * LlmProtocolBuilder protocol = llm.baseUrl("http://127.0.0.1:8000").model("my-model");
 * ScenarioBuilder scn = scenario("chat").exec(chat("chat").prompt("#{prompt}").maxTokens(256));
 * setUp(poisson(600).perSecond(10).inject(scn)).protocols(protocol);
 * }</pre>
 */
public final class LlmDsl {

  /** The LLM protocol builder to start from. */
  public static final LlmProtocolBuilder llm = LlmProtocolBuilder.defaults();

  private LlmDsl() {}

  /** A streaming request to {@code /v1/chat/completions} named {@code name} in the stats. */
  public static LlmRequestBuilder chat(String name) {
    return LlmRequestBuilder.of(name, OpenAiChatDialect.INSTANCE);
  }

  /** A streaming request to {@code /v1/completions} named {@code name} in the stats. */
  public static LlmRequestBuilder completion(String name) {
    return LlmRequestBuilder.of(name, OpenAiCompletionsDialect.INSTANCE);
  }

  /**
   * A streaming request to text-generation-inference's native {@code /generate_stream} named {@code name} in the
   * stats (chat messages are joined into one text; see {@link TgiGenerateDialect}).
   */
  public static LlmRequestBuilder tgi(String name) {
    return LlmRequestBuilder.of(name, TgiGenerateDialect.INSTANCE);
  }

  /**
   * A streaming request to LLM-on-Ray's simple mode, {@code POST /<model>} with a raw text body, named {@code name}
   * in the stats (each received body chunk is one chunk; see {@link LlmOnRaySimpleDialect}).
   */
  public static LlmRequestBuilder llmOnRaySimple(String name) {
    return LlmRequestBuilder.of(name, LlmOnRaySimpleDialect.INSTANCE);
  }

  /** {@code requests} requests with Poisson arrivals, at a rate still to give: {@link LlmLoad#poisson(int)}. */
  public static LlmLoad.Rate poisson(int requests) {
    return LlmLoad.poisson(requests);
  }

  /** {@code requests} requests with gamma gaps of shape {@code burstiness}: {@link LlmLoad#gamma(int, double)}. */
  public static LlmLoad.Rate gamma(int requests, double burstiness) {
    return LlmLoad.gamma(requests, burstiness);
  }

  /** A rate growing in equal steps from {@code startRps} to {@code endRps}, for {@link LlmLoad.Rate#ramp}. */
  public static RampUp linearRamp(double startRps, double endRps) {
    return RampUp.linear(startRps, endRps);
  }

  /** A rate growing by an equal factor per request from {@code startRps} to {@code endRps}, for a ramp. */
  public static RampUp exponentialRamp(double startRps, double endRps) {
    return RampUp.exponential(startRps, endRps);
  }
}
