package io.github.gatlingllm.javaapi;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import java.util.function.Function;
import scala.Function1;

/**
 * A request to a server that takes vLLM's {@code ignore_eos} (OpenAI-compatible servers, LLM-on-Ray): what every
 * request takes, plus that. TGI has no such option, so its builder does not offer it.
 *
 * @param <B> the concrete builder
 */
public abstract class IgnoreEosRequestBuilder<B extends IgnoreEosRequestBuilder<B>> extends LlmRequestBuilder<B> {

  IgnoreEosRequestBuilder(RequestSettings settings) {
    super(settings);
  }

  /**
   * {@code ignore_eos}: keep generating until {@code maxTokens} (vLLM extension; LLM-on-Ray sends it only when
   * true), so that every request generates the same number of tokens.
   *
   * @param ignoreEos whether to ignore the end-of-sequence token
   */
  public B ignoreEos(boolean ignoreEos) {
    return change(s -> s.ignoreEos = constant(ignoreEos));
  }

  /**
   * {@code ignore_eos} from an EL string such as {@code "#{ignoreEos}"} (see {@link #ignoreEos(boolean)}).
   *
   * @param ignoreEos an EL string giving {@code true} or {@code false}
   */
  public B ignoreEos(String ignoreEos) {
    Function1<Session, Validation<Object>> e = el(ignoreEos, "ignoreEos");
    return change(s -> s.ignoreEos = e);
  }

  /**
   * {@code ignore_eos} from the session (see {@link #ignoreEos(boolean)}).
   *
   * @param ignoreEos a function giving whether to ignore the end-of-sequence token
   */
  public B ignoreEos(Function<io.gatling.javaapi.core.Session, Boolean> ignoreEos) {
    Function1<Session, Validation<Object>> e = function(ignoreEos, "ignoreEos");
    return change(s -> s.ignoreEos = e);
  }
}
