package io.github.gatlingllm.javaapi;

import io.gatling.commons.validation.Validation;
import io.gatling.core.check.Check;
import io.gatling.core.session.Session;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.internal.Expressions;
import io.github.gatlingllm.action.LlmActionBuilder;
import io.github.gatlingllm.action.LlmCheckMaterializer;
import io.github.gatlingllm.action.LlmResponse;
import io.github.gatlingllm.action.RequestExtras;
import io.github.gatlingllm.action.RequestName;
import io.github.gatlingllm.action.RequestTemplate;
import io.github.gatlingllm.action.ResponseChecks;
import io.github.gatlingllm.api.Dialect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import scala.Function1;

/**
 * What every streaming LLM request takes, whatever its wire format; the first step ({@code LlmDsl.chat(name)},
 * {@code completion(name)}, {@code tgi(name)}, {@code llmOnRaySimple(name)}, {@code request(name, dialect)}) gives
 * the builder of that format, which adds what only it takes (chat messages, {@code ignore_eos} ...):
 *
 * <pre>{@code
 * exec(chat("chat").prompt("#{prompt}").maxTokens(128).check(answer().saveAs("answer")))
 * }</pre>
 *
 * <p>Every setting takes a Gatling Expression Language string ({@code "#{attribute}"}) or a
 * {@code Function<Session, T>}; numeric settings also take plain values. A value that cannot be resolved for a user
 * (missing attribute, wrong type) fails that request before it is sent, as a KO named {@code request build error}.
 * The request always streams. Immutable: every method returns a new builder.
 *
 * @param <B> the concrete builder, returned by every method so that its own settings stay reachable
 */
public abstract class LlmRequestBuilder<B extends LlmRequestBuilder<B>> implements ActionBuilder {
  final RequestSettings settings;

  LlmRequestBuilder(RequestSettings settings) {
    this.settings = settings;
  }

  /** A builder of the concrete type holding {@code changed}. */
  abstract B with(RequestSettings changed);

  /** A new builder with a changed copy of the settings; this one stays as it was. */
  final B change(Consumer<RequestSettings> change) {
    RequestSettings copy = settings.copy();
    change.accept(copy);
    return with(copy);
  }

  // ---------------------------------------------------------------- conversions to Gatling expressions

  /** The request name from an EL string: fixed unless it holds an expression ({@code #{...}}). */
  static RequestName name(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "request name: expected a non-empty name or EL string such as \"#{step}\", got '" + name + "'");
    }
    return name.contains("#{") ? RequestName.evaluated(name, Expressions.toAnyExpression(name)) : RequestName.fixed(name);
  }

  /** The request name from a function of the session, evaluated per request. */
  static RequestName name(Function<io.gatling.javaapi.core.Session, String> name) {
    return RequestName.evaluated("request name function", function(name, "request name"));
  }

  static Function1<Session, Validation<Object>> el(String expression, String setting) {
    if (expression == null) {
      throw new IllegalArgumentException(setting + ": expected a value or an EL string such as \"#{attr}\", got null");
    }
    return Expressions.toAnyExpression(expression);
  }

  @SuppressWarnings("unchecked")
  static <T> Function1<Session, Validation<Object>> function(
      Function<io.gatling.javaapi.core.Session, T> function, String setting) {
    if (function == null) {
      throw new IllegalArgumentException(setting + ": expected a function of the session, got null");
    }
    Function1<Session, ?> expression = Expressions.javaFunctionToExpression(function);
    return (Function1<Session, Validation<Object>>) expression;
  }

  static Function1<Session, Validation<Object>> constant(Object value) {
    return Expressions.toStaticValueExpression(value);
  }

  // ---------------------------------------------------------------- settings

  /**
   * The request path, e.g. {@code /v1/chat/completions} (default: the dialect's route).
   *
   * @param path a path or an EL string; a missing leading {@code /} is added
   */
  public B path(String path) {
    Function1<Session, Validation<Object>> e = el(path, "path");
    return change(s -> s.path = e);
  }

  /**
   * The request path from the session (default: the dialect's route).
   *
   * @param path a function giving the path; a missing leading {@code /} is added
   */
  public B path(Function<io.gatling.javaapi.core.Session, String> path) {
    Function1<Session, Validation<Object>> e = function(path, "path");
    return change(s -> s.path = e);
  }

  /**
   * The model for this request (default: the protocol's {@code model(...)}).
   *
   * @param model a model name or an EL string
   */
  public B model(String model) {
    Function1<Session, Validation<Object>> e = el(model, "model");
    return change(s -> s.model = e);
  }

  /**
   * The model for this request from the session (default: the protocol's {@code model(...)}).
   *
   * @param model a function giving the model name
   */
  public B model(Function<io.gatling.javaapi.core.Session, String> model) {
    Function1<Session, Validation<Object>> e = function(model, "model");
    return change(s -> s.model = e);
  }

  /**
   * The prompt text: the completion's {@code prompt}, a chat's single user message, TGI's {@code inputs},
   * LLM-on-Ray's {@code text}. On a chat request it replaces messages set before.
   *
   * @param prompt the text or an EL string such as {@code "#{prompt}"}
   */
  public B prompt(String prompt) {
    Function1<Session, Validation<Object>> e = el(prompt, "prompt");
    return change(s -> {
      s.prompt = e;
      s.messages = null;
    });
  }

  /**
   * The prompt text from the session (see {@link #prompt(String)}).
   *
   * @param prompt a function giving the text
   */
  public B prompt(Function<io.gatling.javaapi.core.Session, String> prompt) {
    Function1<Session, Validation<Object>> e = function(prompt, "prompt");
    return change(s -> {
      s.prompt = e;
      s.messages = null;
    });
  }

  /**
   * The most tokens to generate ({@code max_tokens}, TGI's and LLM-on-Ray's {@code max_new_tokens}).
   *
   * @param maxTokens at least 1
   */
  public B maxTokens(int maxTokens) {
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens: expected a count >= 1, got " + maxTokens);
    }
    return change(s -> s.maxTokens = constant(maxTokens));
  }

  /**
   * The most tokens to generate, from an EL string such as {@code "#{maxTokens}"}.
   *
   * @param maxTokens an EL string giving an integer; a negative value means "not sent" (the server decides)
   */
  public B maxTokens(String maxTokens) {
    Function1<Session, Validation<Object>> e = el(maxTokens, "maxTokens");
    return change(s -> s.maxTokens = e);
  }

  /**
   * The most tokens to generate, from the session.
   *
   * @param maxTokens a function giving the count; a negative value means "not sent" (the server decides)
   */
  public B maxTokens(Function<io.gatling.javaapi.core.Session, Integer> maxTokens) {
    Function1<Session, Validation<Object>> e = function(maxTokens, "maxTokens");
    return change(s -> s.maxTokens = e);
  }

  /**
   * The sampling temperature (for TGI, 0 means greedy decoding, TGI's default, and is not sent).
   *
   * @param temperature at least 0
   */
  public B temperature(double temperature) {
    if (temperature < 0 || Double.isNaN(temperature)) {
      throw new IllegalArgumentException("temperature: expected a number >= 0, got " + temperature);
    }
    return change(s -> s.temperature = constant(temperature));
  }

  /**
   * The sampling temperature from an EL string such as {@code "#{temperature}"}.
   *
   * @param temperature an EL string giving a number
   */
  public B temperature(String temperature) {
    Function1<Session, Validation<Object>> e = el(temperature, "temperature");
    return change(s -> s.temperature = e);
  }

  /**
   * The sampling temperature from the session.
   *
   * @param temperature a function giving the temperature
   */
  public B temperature(Function<io.gatling.javaapi.core.Session, Double> temperature) {
    Function1<Session, Validation<Object>> e = function(temperature, "temperature");
    return change(s -> s.temperature = e);
  }

  /**
   * Further body fields (e.g. {@code top_p}, {@code min_tokens}, {@code chat_template_kwargs}), merged last; for TGI
   * and LLM-on-Ray a {@code parameters} / {@code config} map is merged into their options object. The request streams
   * whatever is given.
   *
   * @param fields the fields, copied
   */
  public B extraBody(Map<String, Object> fields) {
    if (fields == null) {
      throw new IllegalArgumentException("extraBody: expected a map of body fields, got null");
    }
    Map<String, Object> copy = Map.copyOf(fields);
    return change(s -> s.extraBody = constant(copy));
  }

  /**
   * Further body fields from an EL string (see {@link #extraBody(Map)}).
   *
   * @param fields an EL string naming an attribute that holds a map, or giving a JSON object string
   */
  public B extraBody(String fields) {
    Function1<Session, Validation<Object>> e = el(fields, "extraBody");
    return change(s -> s.extraBody = e);
  }

  /**
   * Further body fields from the session (see {@link #extraBody(Map)}).
   *
   * @param fields a function giving the fields
   */
  public B extraBody(Function<io.gatling.javaapi.core.Session, Map<String, Object>> fields) {
    Function1<Session, Validation<Object>> e = function(fields, "extraBody");
    return change(s -> s.extraBody = e);
  }

  /**
   * The prompt's token count by the dataset's tokenizer: the input token count when the server reports no usage.
   *
   * @param promptTokens an EL string giving an integer, e.g. {@code "#{promptTokens}"} from the dataset feeders
   */
  public B promptTokens(String promptTokens) {
    Function1<Session, Validation<Object>> e = el(promptTokens, "promptTokens");
    return change(s -> s.promptTokens = e);
  }

  /**
   * The prompt's token count by the dataset's tokenizer, from the session (see {@link #promptTokens(String)}).
   *
   * @param promptTokens a function giving the count
   */
  public B promptTokens(Function<io.gatling.javaapi.core.Session, Integer> promptTokens) {
    Function1<Session, Validation<Object>> e = function(promptTokens, "promptTokens");
    return change(s -> s.promptTokens = e);
  }

  /**
   * A header for this request only, sent after the protocol's, e.g. {@code header("x-user-id", "#{userId}")} for a
   * router that pins users to replicas.
   *
   * @param name a header name (an HTTP token)
   * @param value the value or an EL string; it must resolve to one line
   */
  public B header(String name, String value) {
    return withHeader(name, el(value, "header " + name));
  }

  /**
   * A header for this request only, its value from the session (see {@link #header(String, String)}).
   *
   * @param name a header name (an HTTP token)
   * @param value a function giving a one-line value
   */
  public B header(String name, Function<io.gatling.javaapi.core.Session, String> value) {
    return withHeader(name, function(value, "header " + name));
  }

  private B withHeader(String name, Function1<Session, Validation<Object>> value) {
    if (name == null || name.isBlank() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
      throw new IllegalArgumentException("header name: expected a token such as x-user-id, got '" + name + "'");
    }
    List<Map.Entry<String, Function1<Session, Validation<Object>>>> all =
        CopyableSettings.appended(settings.headers, Map.entry(name, value));
    return change(s -> s.headers = all);
  }

  /**
   * Declares the request as round {@code round} of conversation user {@code user}: the per-request files and the
   * summary then group requests by round (e.g. TTFT of round 1 against later rounds that reuse a cached prefix).
   *
   * @param user an EL string giving the conversation's user id (an integer)
   * @param round an EL string giving the round, from 1
   */
  public B conversation(String user, String round) {
    Function1<Session, Validation<Object>> u = el(user, "conversation user");
    Function1<Session, Validation<Object>> r = el(round, "conversation round");
    return change(s -> {
      s.conversationUser = u;
      s.conversationRound = r;
    });
  }

  /**
   * Declares the request's conversation user and round from the session (see {@link #conversation(String, String)}).
   *
   * @param user a function giving the conversation's user id
   * @param round a function giving the round, from 1
   */
  public B conversation(
      Function<io.gatling.javaapi.core.Session, Integer> user,
      Function<io.gatling.javaapi.core.Session, Integer> round) {
    Function1<Session, Validation<Object>> u = function(user, "conversation user");
    Function1<Session, Validation<Object>> r = function(round, "conversation round");
    return change(s -> {
      s.conversationUser = u;
      s.conversationRound = r;
    });
  }

  /** Marks a warm-up request: it shows in Gatling's stats but stays out of the LLM summary. */
  public B warmUp() {
    return change(s -> s.warmUp = true);
  }

  /**
   * Gatling checks on the finished stream, added to those given before: {@code check(answer().saveAs("answer"),
   * outputTokens().gt(10))}. See {@link LlmChecks} for what they read and when they run.
   *
   * @param checks checks built from {@code answer()}, {@code outputTokens()}, {@code inputTokens()}
   */
  public B check(CheckBuilder... checks) {
    if (checks == null) {
      throw new IllegalArgumentException("check: expected checks such as answer().is(\"x\"), got null");
    }
    return check(Arrays.asList(checks));
  }

  /**
   * Gatling checks on the finished stream, added to those given before (see {@link #check(CheckBuilder...)}).
   *
   * @param checks checks built from {@code answer()}, {@code outputTokens()}, {@code inputTokens()}
   */
  public B check(List<CheckBuilder> checks) {
    if (checks == null) {
      throw new IllegalArgumentException("check: expected a list of checks such as answer().is(\"x\"), got null");
    }
    List<CheckBuilder> all = new ArrayList<>(settings.checks);
    for (CheckBuilder check : checks) {
      if (check == null || !(check.type() instanceof LlmChecks.Type)) {
        throw new IllegalArgumentException(
            "check: an LLM request takes the checks of LlmDsl (answer(), outputTokens(), inputTokens()), got "
                + (check == null ? "null" : "a check of type " + check.type()));
      }
      all.add(check);
    }
    List<CheckBuilder> immutable = List.copyOf(all);
    return change(s -> s.checks = immutable);
  }

  /** The Gatling action builder of this request (called by Gatling's {@code exec}). */
  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    RequestSettings s = settings;
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
            new RequestExtras(s.headers, s.conversationUser, s.conversationRound, responseChecks(s.checks))));
  }

  /** Gatling's Scala checks for the Java ones, and whether any reads the answer (which must then be captured). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ResponseChecks responseChecks(List<CheckBuilder> checks) {
    if (checks.isEmpty()) {
      return ResponseChecks.NONE;
    }
    List<Check<LlmResponse>> built = new ArrayList<>(checks.size());
    boolean readsAnswer = false;
    for (CheckBuilder check : checks) {
      io.gatling.core.check.CheckBuilder scala = check.asScala();
      built.add((Check<LlmResponse>) scala.build(LlmCheckMaterializer.INSTANCE));
      readsAnswer |= check.type() == LlmChecks.Type.ANSWER;
    }
    return new ResponseChecks(built, readsAnswer);
  }

  /** The dialect this request is written in (for tests and tools; fixed by the first step). */
  public Dialect dialect() {
    return settings.dialect;
  }

  /** The settings of a new request named {@code name} in {@code dialect}, nothing else set yet. */
  static RequestSettings start(RequestName name, Dialect dialect) {
    if (dialect == null) {
      throw new IllegalArgumentException("dialect: expected a wire format such as OpenAiChatDialect.INSTANCE, got null");
    }
    return new RequestSettings(name, dialect);
  }
}
