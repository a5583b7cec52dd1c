package io.github.gatlingllm.javaapi;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.github.gatlingllm.api.OpenAiChatDialect;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import scala.Function1;

/**
 * A streaming request to OpenAI's {@code /v1/chat/completions}: {@code messages(...)}, or {@code prompt(...)} for
 * one user message (each replaces the other). Start from {@code LlmDsl.chat(name)}.
 */
public final class ChatRequestBuilder extends IgnoreEosRequestBuilder<ChatRequestBuilder> {

  private ChatRequestBuilder(RequestSettings settings) {
    super(settings);
  }

  /**
   * A chat request named {@code name} in Gatling's stats.
   *
   * @param name a name or an EL string resolved per request, e.g. {@code "round #{round}"}
   */
  public static ChatRequestBuilder of(String name) {
    return new ChatRequestBuilder(start(name(name), OpenAiChatDialect.INSTANCE));
  }

  /**
   * A chat request whose name in Gatling's stats comes from the session, per request.
   *
   * @param name a function giving the name
   */
  public static ChatRequestBuilder of(Function<io.gatling.javaapi.core.Session, String> name) {
    return new ChatRequestBuilder(start(name(name), OpenAiChatDialect.INSTANCE));
  }

  @Override
  ChatRequestBuilder with(RequestSettings changed) {
    return new ChatRequestBuilder(changed);
  }

  /**
   * The chat messages, sent as they are; they replace a prompt set before.
   *
   * @param messages an EL string naming an attribute that holds a list of maps ({@code role}, {@code content} ...),
   *     or giving a JSON array string, e.g. {@code "#{messages}"}
   */
  public ChatRequestBuilder messages(String messages) {
    Function1<Session, Validation<Object>> e = el(messages, "messages");
    return change(s -> {
      s.messages = e;
      s.prompt = null;
    });
  }

  /**
   * The chat messages from the session (see {@link #messages(String)}).
   *
   * @param messages a function giving the list of messages ({@code role}, {@code content} ...)
   */
  public ChatRequestBuilder messages(
      Function<io.gatling.javaapi.core.Session, List<Map<String, Object>>> messages) {
    Function1<Session, Validation<Object>> e = function(messages, "messages");
    return change(s -> {
      s.messages = e;
      s.prompt = null;
    });
  }
}
