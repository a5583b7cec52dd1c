package io.github.gatlingllm.javaapi;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.internal.Expressions;
import io.github.gatlingllm.action.LlmActionBuilder;
import io.github.gatlingllm.action.RequestExtras;
import io.github.gatlingllm.action.RequestTemplate;
import io.github.gatlingllm.api.Dialect;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import scala.Function1;

/**
 * One streaming LLM request in a scenario, e.g.
 *
 * <pre>{@code
 * exec(LlmDsl.completion("completion").prompt("#{prompt}").maxTokens(128).ignoreEos(true))
 * }</pre>
 *
 * <p>Every setting takes a Gatling Expression Language string ({@code "#{attribute}"}) or a
 * {@code Function<Session, T>}; numeric and boolean settings also take plain values. The request always streams
 * ({@code "stream": true} with {@code "stream_options": {"include_usage": true}}). Immutable: every method returns a new
 * builder.
 */
public final class LlmRequestBuilder implements ActionBuilder {

  private static final class Settings extends CopyableSettings<Settings> {
    String name;
    Dialect dialect;
    Function1<Session, Validation<Object>> path;
    Function1<Session, Validation<Object>> model;
    Function1<Session, Validation<Object>> prompt;
    Function1<Session, Validation<Object>> messages;
    Function1<Session, Validation<Object>> maxTokens;
    Function1<Session, Validation<Object>> ignoreEos;
    Function1<Session, Validation<Object>> temperature;
    Function1<Session, Validation<Object>> extraBody;
    Function1<Session, Validation<Object>> promptTokens;
    boolean warmUp;
    List<Map.Entry<String, Function1<Session, Validation<Object>>>> headers = List.of();
    Function1<Session, Validation<Object>> conversationUser;
    Function1<Session, Validation<Object>> conversationRound;
    String answerAttribute;
    String outputTokensAttribute;
  }

  private final Settings settings;

  private LlmRequestBuilder(Settings settings) {
    this.settings = settings;
  }

  /** A request in any dialect; {@code LlmDsl.chat} and {@code LlmDsl.completion} cover the OpenAI ones. */
  public static LlmRequestBuilder of(String name, Dialect dialect) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A request name must not be empty");
    }
    Settings settings = new Settings();
    settings.name = name;
    settings.dialect = Objects.requireNonNull(dialect, "dialect");
    return new LlmRequestBuilder(settings);
  }

  private LlmRequestBuilder change(Consumer<Settings> change) {
    Settings copy = settings.copy();
    change.accept(copy);
    return new LlmRequestBuilder(copy);
  }

  // ---------------------------------------------------------------- conversions to Gatling expressions

  private static Function1<Session, Validation<Object>> el(String expression, String setting) {
    Objects.requireNonNull(expression, setting);
    return Expressions.toAnyExpression(expression);
  }

  @SuppressWarnings("unchecked")
  private static <T> Function1<Session, Validation<Object>> function(
      Function<io.gatling.javaapi.core.Session, T> function, String setting) {
    Objects.requireNonNull(function, setting);
    Function1<Session, ?> expression = Expressions.javaFunctionToExpression(function);
    return (Function1<Session, Validation<Object>>) expression;
  }

  private static Function1<Session, Validation<Object>> constant(Object value) {
    return Expressions.toStaticValueExpression(value);
  }

  // ---------------------------------------------------------------- settings

  /** The request path, e.g. {@code /v1/chat/completions} (default: the endpoint's standard path). */
  public LlmRequestBuilder path(String path) {
    Function1<Session, Validation<Object>> e = el(path, "path");
    return change(s -> s.path = e);
  }

  /** The model for this request (default: the protocol's model). */
  public LlmRequestBuilder model(String model) {
    Function1<Session, Validation<Object>> e = el(model, "model");
    return change(s -> s.model = e);
  }

  public LlmRequestBuilder model(Function<io.gatling.javaapi.core.Session, String> model) {
    Function1<Session, Validation<Object>> e = function(model, "model");
    return change(s -> s.model = e);
  }

  /** The prompt text: for completions the {@code prompt} field, for chat a single user message. */
  public LlmRequestBuilder prompt(String prompt) {
    Function1<Session, Validation<Object>> e = el(prompt, "prompt");
    return change(s -> s.prompt = e);
  }

  public LlmRequestBuilder prompt(Function<io.gatling.javaapi.core.Session, String> prompt) {
    Function1<Session, Validation<Object>> e = function(prompt, "prompt");
    return change(s -> s.prompt = e);
  }

  /**
   * Chat messages: an EL string naming a session attribute holding a list of maps ({@code role}, {@code content}) or a
   * JSON array string.
   */
  public LlmRequestBuilder messages(String messages) {
    Function1<Session, Validation<Object>> e = el(messages, "messages");
    return change(s -> s.messages = e);
  }

  public LlmRequestBuilder messages(Function<io.gatling.javaapi.core.Session, List<Map<String, Object>>> messages) {
    Function1<Session, Validation<Object>> e = function(messages, "messages");
    return change(s -> s.messages = e);
  }

  /** {@code max_tokens}: the most tokens to generate; a negative value from an expression means "not sent". */
  public LlmRequestBuilder maxTokens(int maxTokens) {
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
    }
    return change(s -> s.maxTokens = constant(maxTokens));
  }

  public LlmRequestBuilder maxTokens(String maxTokens) {
    Function1<Session, Validation<Object>> e = el(maxTokens, "maxTokens");
    return change(s -> s.maxTokens = e);
  }

  public LlmRequestBuilder maxTokens(Function<io.gatling.javaapi.core.Session, Integer> maxTokens) {
    Function1<Session, Validation<Object>> e = function(maxTokens, "maxTokens");
    return change(s -> s.maxTokens = e);
  }

  /** {@code ignore_eos} (vLLM extension): keep generating until {@code max_tokens}. */
  public LlmRequestBuilder ignoreEos(boolean ignoreEos) {
    return change(s -> s.ignoreEos = constant(ignoreEos));
  }

  public LlmRequestBuilder ignoreEos(String ignoreEos) {
    Function1<Session, Validation<Object>> e = el(ignoreEos, "ignoreEos");
    return change(s -> s.ignoreEos = e);
  }

  public LlmRequestBuilder ignoreEos(Function<io.gatling.javaapi.core.Session, Boolean> ignoreEos) {
    Function1<Session, Validation<Object>> e = function(ignoreEos, "ignoreEos");
    return change(s -> s.ignoreEos = e);
  }

  /** {@code temperature}. */
  public LlmRequestBuilder temperature(double temperature) {
    if (temperature < 0 || Double.isNaN(temperature)) {
      throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
    }
    return change(s -> s.temperature = constant(temperature));
  }

  public LlmRequestBuilder temperature(String temperature) {
    Function1<Session, Validation<Object>> e = el(temperature, "temperature");
    return change(s -> s.temperature = e);
  }

  public LlmRequestBuilder temperature(Function<io.gatling.javaapi.core.Session, Double> temperature) {
    Function1<Session, Validation<Object>> e = function(temperature, "temperature");
    return change(s -> s.temperature = e);
  }

  /**
   * Further top-level body fields (e.g. {@code top_p}, {@code min_tokens}, {@code chat_template_kwargs}), merged last.
   * {@code stream} stays true whatever is given.
   */
  public LlmRequestBuilder extraBody(Map<String, Object> fields) {
    Map<String, Object> copy = Map.copyOf(Objects.requireNonNull(fields, "extraBody"));
    return change(s -> s.extraBody = constant(copy));
  }

  /** Extra body fields from an EL string: an attribute holding a map, or a JSON object string. */
  public LlmRequestBuilder extraBody(String fields) {
    Function1<Session, Validation<Object>> e = el(fields, "extraBody");
    return change(s -> s.extraBody = e);
  }

  public LlmRequestBuilder extraBody(Function<io.gatling.javaapi.core.Session, Map<String, Object>> fields) {
    Function1<Session, Validation<Object>> e = function(fields, "extraBody");
    return change(s -> s.extraBody = e);
  }

  /**
   * The prompt's token count by the dataset's tokenizer (e.g. {@code "#{promptTokens}"} from the dataset feeders):
   * the input token count when the server reports no usage.
   */
  public LlmRequestBuilder promptTokens(String promptTokens) {
    Function1<Session, Validation<Object>> e = el(promptTokens, "promptTokens");
    return change(s -> s.promptTokens = e);
  }

  public LlmRequestBuilder promptTokens(Function<io.gatling.javaapi.core.Session, Integer> promptTokens) {
    Function1<Session, Validation<Object>> e = function(promptTokens, "promptTokens");
    return change(s -> s.promptTokens = e);
  }

  /**
   * A header for this request only (after the protocol's), e.g. {@code header("x-user-id", "#{userId}")} for a router
   * that pins users to replicas. The value must be one line.
   */
  public LlmRequestBuilder header(String name, String value) {
    Function1<Session, Validation<Object>> e = el(value, "header value");
    return withHeader(name, e);
  }

  public LlmRequestBuilder header(String name, Function<io.gatling.javaapi.core.Session, String> value) {
    Function1<Session, Validation<Object>> e = function(value, "header value");
    return withHeader(name, e);
  }

  private LlmRequestBuilder withHeader(String name, Function1<Session, Validation<Object>> value) {
    if (name == null || name.isBlank() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
      throw new IllegalArgumentException("header name: expected a token such as x-user-id, got '" + name + "'");
    }
    List<Map.Entry<String, Function1<Session, Validation<Object>>>> all =
        CopyableSettings.appended(settings.headers, Map.entry(name, value));
    return change(s -> s.headers = all);
  }

  /**
   * Declares the request as round {@code round} (from 1) of conversation user {@code user}: the per-request files and
   * the summary then group requests by round (TTFT of round 1 against later rounds that reuse a cached prefix).
   */
  public LlmRequestBuilder conversation(String user, String round) {
    Function1<Session, Validation<Object>> u = el(user, "conversation user");
    Function1<Session, Validation<Object>> r = el(round, "conversation round");
    return change(s -> {
      s.conversationUser = u;
      s.conversationRound = r;
    });
  }

  public LlmRequestBuilder conversation(
      Function<io.gatling.javaapi.core.Session, Integer> user,
      Function<io.gatling.javaapi.core.Session, Integer> round) {
    Function1<Session, Validation<Object>> u = function(user, "conversation user");
    Function1<Session, Validation<Object>> r = function(round, "conversation round");
    return change(s -> {
      s.conversationUser = u;
      s.conversationRound = r;
    });
  }

  /**
   * Saves the generated visible text into session attribute {@code attribute} when the request ends ("" when it
   * failed), e.g. to send it back in the next round of a conversation. Capturing costs a copy of every chunk's text.
   */
  public LlmRequestBuilder saveAnswerAs(String attribute) {
    String name = attributeName(attribute, "saveAnswerAs");
    return change(s -> s.answerAttribute = name);
  }

  /** Saves the output token count (usage, else chunks; 0 when the request failed) into {@code attribute}. */
  public LlmRequestBuilder saveOutputTokensAs(String attribute) {
    String name = attributeName(attribute, "saveOutputTokensAs");
    return change(s -> s.outputTokensAttribute = name);
  }

  private static String attributeName(String attribute, String setting) {
    if (attribute == null || attribute.isBlank()) {
      throw new IllegalArgumentException(setting + ": expected a session attribute name, got '" + attribute + "'");
    }
    return attribute;
  }

  /** Marks a warm-up request: it shows in Gatling's stats but stays out of the LLM summary. */
  public LlmRequestBuilder warmUp() {
    return change(s -> s.warmUp = true);
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    Settings s = settings;
    return new LlmActionBuilder(
        new RequestTemplate(
            s.name,
            s.dialect,
            s.path,
            s.model,
            s.prompt,
            s.messages,
            s.maxTokens,
            s.ignoreEos,
            s.temperature,
            s.extraBody,
            s.promptTokens,
            s.warmUp,
            new RequestExtras(
                s.headers, s.conversationUser, s.conversationRound, s.answerAttribute, s.outputTokensAttribute)));
  }
}
