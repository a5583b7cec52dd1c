package io.github.gatlingllm.javaapi;

import io.github.gatlingllm.api.TgiGenerateDialect;
import java.util.function.Function;

/**
 * A streaming request to text-generation-inference's native {@code /generate_stream}: one {@code prompt(...)} text
 * sent as {@code inputs} (apply the model's chat template to it yourself when it needs one). TGI serves one model and
 * has no {@code ignore_eos}: the model name is not sent, and {@code ignoreEos} is not offered. Start from
 * {@code LlmDsl.tgi(name)}.
 */
public final class TgiRequestBuilder extends LlmRequestBuilder<TgiRequestBuilder> {

  private TgiRequestBuilder(RequestSettings settings) {
    super(settings);
  }

  /**
   * A TGI request named {@code name} in Gatling's stats.
   *
   * @param name a name or an EL string resolved per request, e.g. {@code "step #{step}"}
   */
  public static TgiRequestBuilder of(String name) {
    return new TgiRequestBuilder(start(name(name), TgiGenerateDialect.INSTANCE));
  }

  /**
   * A TGI request whose name in Gatling's stats comes from the session, per request.
   *
   * @param name a function giving the name
   */
  public static TgiRequestBuilder of(Function<io.gatling.javaapi.core.Session, String> name) {
    return new TgiRequestBuilder(start(name(name), TgiGenerateDialect.INSTANCE));
  }

  @Override
  TgiRequestBuilder with(RequestSettings changed) {
    return new TgiRequestBuilder(changed);
  }
}
