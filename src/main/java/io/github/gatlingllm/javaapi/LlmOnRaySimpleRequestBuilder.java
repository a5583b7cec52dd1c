package io.github.gatlingllm.javaapi;

import io.github.gatlingllm.api.LlmOnRaySimpleDialect;
import java.util.function.Function;

/**
 * A streaming request to LLM-on-Ray's simple mode, {@code POST /<model>} with one {@code prompt(...)} text; the
 * answer is a raw text body, each received chunk one chunk. Start from {@code LlmDsl.llmOnRaySimple(name)}.
 */
public final class LlmOnRaySimpleRequestBuilder extends IgnoreEosRequestBuilder<LlmOnRaySimpleRequestBuilder> {

  private LlmOnRaySimpleRequestBuilder(RequestSettings settings) {
    super(settings);
  }

  /**
   * An LLM-on-Ray simple-mode request named {@code name} in Gatling's stats.
   *
   * @param name a name or an EL string resolved per request, e.g. {@code "step #{step}"}
   */
  public static LlmOnRaySimpleRequestBuilder of(String name) {
    return new LlmOnRaySimpleRequestBuilder(start(name(name), LlmOnRaySimpleDialect.INSTANCE));
  }

  /**
   * An LLM-on-Ray simple-mode request whose name in Gatling's stats comes from the session, per request.
   *
   * @param name a function giving the name
   */
  public static LlmOnRaySimpleRequestBuilder of(Function<io.gatling.javaapi.core.Session, String> name) {
    return new LlmOnRaySimpleRequestBuilder(start(name(name), LlmOnRaySimpleDialect.INSTANCE));
  }

  @Override
  LlmOnRaySimpleRequestBuilder with(RequestSettings changed) {
    return new LlmOnRaySimpleRequestBuilder(changed);
  }
}
