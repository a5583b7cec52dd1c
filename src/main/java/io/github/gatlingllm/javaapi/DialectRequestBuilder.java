package io.github.gatlingllm.javaapi;

import io.github.gatlingllm.api.Dialect;
import java.util.function.Function;

/**
 * A streaming request in a wire format chosen at run time (e.g. from {@code -Dllm.backend}, or your own
 * {@link Dialect}): one {@code prompt(...)} text, which every format takes. What a format does not send
 * ({@code ignoreEos} for TGI) is left out of its body. Start from {@code LlmDsl.request(name, dialect)}; when the
 * format is known, {@code chat}, {@code completion}, {@code tgi} and {@code llmOnRaySimple} offer exactly what it
 * takes.
 */
public final class DialectRequestBuilder extends IgnoreEosRequestBuilder<DialectRequestBuilder> {

  private DialectRequestBuilder(RequestSettings settings) {
    super(settings);
  }

  /**
   * A request in {@code dialect} named {@code name} in Gatling's stats.
   *
   * @param name a name or an EL string resolved per request, e.g. {@code "step #{step}"}
   * @param dialect the wire format, e.g. {@code Dialects.named("tgi")}
   */
  public static DialectRequestBuilder of(String name, Dialect dialect) {
    return new DialectRequestBuilder(start(name(name), dialect));
  }

  /**
   * A request in {@code dialect} whose name in Gatling's stats comes from the session, per request.
   *
   * @param name a function giving the name
   * @param dialect the wire format, e.g. {@code Dialects.named("tgi")}
   */
  public static DialectRequestBuilder of(Function<io.gatling.javaapi.core.Session, String> name, Dialect dialect) {
    return new DialectRequestBuilder(start(name(name), dialect));
  }

  @Override
  DialectRequestBuilder with(RequestSettings changed) {
    return new DialectRequestBuilder(changed);
  }
}
