package io.github.gatlingllm.javaapi;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.gatling.javaapi.core.CheckBuilder;
import io.github.gatlingllm.action.RequestName;
import io.github.gatlingllm.api.Dialect;
import java.util.List;
import java.util.Map;
import scala.Function1;

/**
 * What a request builder has collected: the name and dialect from its first step, then one expression per setting
 * (null: not set). Shared by every typed request builder, which each expose the settings their wire format takes.
 */
final class RequestSettings extends CopyableSettings<RequestSettings> {
  RequestName name;
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
  List<CheckBuilder> checks = List.of();

  RequestSettings(RequestName name, Dialect dialect) {
    this.name = name;
    this.dialect = dialect;
  }
}
