package io.github.gatlingllm.javaapi;

import io.github.gatlingllm.api.OpenAiCompletionsDialect;
import java.util.function.Function;

/**
 * A streaming request to OpenAI's {@code /v1/completions}: one {@code prompt(...)} text. Start from {@code LlmDsl.completion(name)}.
 */
public final class CompletionRequestBuilder extends IgnoreEosRequestBuilder<CompletionRequestBuilder> {

  private CompletionRequestBuilder(RequestSettings settings) {
    super(settings);
  }

  /**
   * A completion request named {@code name} in Gatling's stats.
   *
   * @param name a name or an EL string resolved per request, e.g. {@code "step #{step}"}
   */
  public static CompletionRequestBuilder of(String name) {
    return new CompletionRequestBuilder(start(name(name), OpenAiCompletionsDialect.INSTANCE));
  }

  /**
   * A completion request whose name in Gatling's stats comes from the session, per request.
   *
   * @param name a function giving the name
   */
  public static CompletionRequestBuilder of(Function<io.gatling.javaapi.core.Session, String> name) {
    return new CompletionRequestBuilder(start(name(name), OpenAiCompletionsDialect.INSTANCE));
  }

  @Override
  CompletionRequestBuilder with(RequestSettings changed) {
    return new CompletionRequestBuilder(changed);
  }
}
