package io.github.gatlingllm.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import java.util.List;
import java.util.Map;
import scala.Function1;

/**
 * The less common parts of a request, evaluated per virtual user: extra headers, the conversation it belongs to, and
 * the Gatling checks on its answer (which also save values into the session for the user's next step). Any
 * expression may be null (not set).
 *
 * @param headers per-request headers (name, value expression), sent after the protocol's
 * @param conversationUser the conversation's user id (multi-round workloads)
 * @param conversationRound the request's round in that conversation, from 1
 * @param checks the checks run on the finished stream ({@link ResponseChecks#NONE}: none)
 */
public record RequestExtras(
    List<Map.Entry<String, Function1<Session, Validation<Object>>>> headers,
    Function1<Session, Validation<Object>> conversationUser,
    Function1<Session, Validation<Object>> conversationRound,
    ResponseChecks checks) {

  public static final RequestExtras NONE = new RequestExtras(List.of(), null, null, ResponseChecks.NONE);

  public RequestExtras {
    headers = List.copyOf(headers);
    checks = checks == null ? ResponseChecks.NONE : checks;
  }

  /** The request's headers: {@code fixed} (the protocol's) then this request's, evaluated against the session. */
  List<Map.Entry<String, String>> headers(List<Map.Entry<String, String>> fixed, Session session) {
    if (headers.isEmpty()) {
      return fixed;
    }
    java.util.ArrayList<Map.Entry<String, String>> all = new java.util.ArrayList<>(fixed.size() + headers.size());
    all.addAll(fixed);
    for (Map.Entry<String, Function1<Session, Validation<Object>>> header : headers) {
      String value = SessionValues.string("header " + header.getKey(), header.getValue(), session);
      if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        // Name only: header values are often credentials, and this message reaches the console and the CSV.
        throw new RequestBuildException(
            "header " + header.getKey() + ": expected a one-line value, got "
                + (value == null ? "none" : "a line break (value not shown)"));
      }
      all.add(Map.entry(header.getKey(), value));
    }
    return all;
  }

  /** True when the request declares a conversation (both user and round). */
  boolean inConversation() {
    return conversationUser != null && conversationRound != null;
  }

  long evaluateConversationUser(Session session) {
    Integer value = SessionValues.integer("conversationUser", conversationUser, session);
    return value == null ? -1 : value;
  }

  int evaluateConversationRound(Session session) {
    Integer value = SessionValues.integer("conversationRound", conversationRound, session);
    if (value == null || value < 1) {
      throw new RequestBuildException("conversationRound: expected a round >= 1, got '" + value + "'");
    }
    return value;
  }
}
