package io.github.gatlingllm.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.github.gatlingllm.api.Dialect;
import io.github.gatlingllm.api.GenerationRequest;
import java.util.Objects;
import scala.Function1;

/**
 * An LLM request as the DSL described it: a dialect, a name, and expressions evaluated per virtual user. Any
 * expression may be null (not set).
 *
 * @param requestName the name in Gatling's stats, fixed or resolved per request; {@code <name> TTFT},
 *     {@code <name> TPOT}, {@code <name> ITL} are derived from it
 * @param dialect the wire format
 * @param path the request path, or null for the dialect's default
 * @param promptTokens the prompt's token count by the dataset's tokenizer, used when the server reports no usage
 * @param warmUp a warm-up request: reported to Gatling, kept out of the LLM summary
 * @param extras headers, conversation, and checks on the answer ({@link RequestExtras#NONE}: none)
 */
public record RequestTemplate(
    RequestName requestName,
    Dialect dialect,
    Function1<Session, Validation<Object>> path,
    Function1<Session, Validation<Object>> model,
    Function1<Session, Validation<Object>> prompt,
    Function1<Session, Validation<Object>> messages,
    Function1<Session, Validation<Object>> maxTokens,
    Function1<Session, Validation<Object>> ignoreEos,
    Function1<Session, Validation<Object>> temperature,
    Function1<Session, Validation<Object>> extraBody,
    Function1<Session, Validation<Object>> promptTokens,
    boolean warmUp,
    RequestExtras extras) {

  public RequestTemplate {
    Objects.requireNonNull(requestName, "requestName");
    Objects.requireNonNull(dialect, "dialect");
    extras = extras == null ? RequestExtras.NONE : extras;
  }

  /** Evaluates every expression; {@code defaultModel} (the protocol's) applies when the request sets none. */
  GenerationRequest evaluate(Session session, String defaultModel) {
    String modelName = SessionValues.string("model", model, session);
    if (modelName == null) {
      modelName = defaultModel;
    }
    if (modelName == null) {
      throw new RequestBuildException("model: not set on the protocol (llm.model(...)) nor on the request");
    }
    return new GenerationRequest(
        modelName,
        SessionValues.string("prompt", prompt, session),
        SessionValues.messages("messages", messages, session),
        maxTokens(session),
        SessionValues.bool("ignoreEos", ignoreEos, session),
        SessionValues.decimal("temperature", temperature, session),
        SessionValues.map("extraBody", extraBody, session));
  }

  /** {@code max_tokens}, or null (not sent, the server decides) when unset or negative. */
  private Integer maxTokens(Session session) {
    Integer value = SessionValues.integer("maxTokens", maxTokens, session);
    return value == null || value < 0 ? null : value;
  }

  /** The dataset's token count of the prompt, or -1 when not given. */
  int evaluatePromptTokens(Session session) {
    Integer value = SessionValues.integer("promptTokens", promptTokens, session);
    return value == null ? -1 : value;
  }

  /** The request's path, else the dialect's route for {@code generation} (which may depend on its model). */
  String evaluatePath(Session session, GenerationRequest generation) {
    String value = SessionValues.string("path", path, session);
    if (value == null) {
      return dialect.path(generation);
    }
    return value.startsWith("/") ? value : "/" + value;
  }
}
