package io.github.gatlingllm.javaapi;

import io.gatling.commons.validation.Success;
import io.gatling.commons.validation.Validation;
import io.gatling.core.check.Extractor;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.internal.Expressions;
import io.github.gatlingllm.action.LlmResponse;
import java.util.function.Function;
import scala.Option;

/**
 * The Gatling checks an LLM request takes, on its finished stream: {@code chat("c").prompt("#{p}")
 * .check(answer().saveAs("a"), outputTokens().gt(10))}. They are Gatling's own check builders, so every validator
 * and step Gatling offers applies ({@code is}, {@code not}, {@code in}, {@code gt}/{@code lt}, {@code exists},
 * {@code transform}, {@code withDefault}, {@code saveAs}, {@code name} ...); without a validator a check means
 * {@code exists()}.
 *
 * <p>Checks run once a request has succeeded (a failed request has no response to check, and saves nothing), on the
 * user's event loop, on values the request already holds. A failing check makes the request KO in Gatling with
 * Gatling's check message, and failed in the LLM summary with the error category {@code check failed}.
 */
public final class LlmChecks {

  /** Which value a check reads: the request captures the answer's text only when a check reads it. */
  public enum Type implements CheckBuilder.CheckType {
    ANSWER,
    OUTPUT_TOKENS,
    INPUT_TOKENS
  }

  private static final CheckBuilder.Find<String> ANSWER =
      find(Type.ANSWER, "answer", String.class, LlmResponse::answer);
  private static final CheckBuilder.Find<Integer> OUTPUT_TOKENS =
      find(Type.OUTPUT_TOKENS, "outputTokens", Integer.class, r -> r.outputTokens() < 0 ? null : r.outputTokens());
  private static final CheckBuilder.Find<Integer> INPUT_TOKENS =
      find(Type.INPUT_TOKENS, "inputTokens", Integer.class, r -> r.inputTokens() < 0 ? null : r.inputTokens());

  private LlmChecks() {}

  /**
   * The generated visible text (reasoning apart), whole, once the stream has ended. Using it makes the request keep a
   * copy of every chunk's text, which it otherwise does not.
   */
  public static CheckBuilder.Find<String> answer() {
    return ANSWER;
  }

  /**
   * The output token count: the server's {@code usage}, else one per chunk (a tokenizer count, made later off the
   * event loop when the server sends no usage, is not known yet).
   */
  public static CheckBuilder.Find<Integer> outputTokens() {
    return OUTPUT_TOKENS;
  }

  /**
   * The prompt's token count: the server's {@code usage}, else the request's {@code promptTokens(...)}; nothing found
   * when neither is known.
   */
  public static CheckBuilder.Find<Integer> inputTokens() {
    return INPUT_TOKENS;
  }

  private static <X> CheckBuilder.Find<X> find(
      Type type, String name, Class<X> valueClass, Function<LlmResponse, X> value) {
    Extractor<LlmResponse, X> extractor = new ResponseExtractor<>(name, value);
    // Gatling's Scala Find.Default, by its binary name (javac does not see it as a nested class)
    io.gatling.core.check.CheckBuilder.Find<LlmResponse, LlmResponse, X> scala =
        new io.gatling.core.check.CheckBuilder$Find$Default<>(Expressions.toStaticValueExpression(extractor), true);
    return new CheckBuilder.Find.Default<>(scala, type, valueClass, null);
  }

  /** Reads one value of the response; a null value is "nothing found", which {@code exists()} fails on. */
  private static final class ResponseExtractor<X> implements Extractor<LlmResponse, X> {
    private final String name;
    private final Function<LlmResponse, X> value;

    ResponseExtractor(String name, Function<LlmResponse, X> value) {
      this.name = name;
      this.value = value;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String arity() {
      return "find";
    }

    @Override
    public Validation<Option<X>> apply(LlmResponse response) {
      return new Success<>(Option.apply(value.apply(response)));
    }
  }
}
