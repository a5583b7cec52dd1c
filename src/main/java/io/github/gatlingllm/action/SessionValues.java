package io.github.gatlingllm.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.commons.validation.Failure;
import io.gatling.commons.validation.Success;
import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import java.util.List;
import java.util.Map;
import scala.Function1;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Evaluates a request setting against a session and coerces it to the type the request needs, with an error that
 * names the setting, the value and what was expected.
 */
final class SessionValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SessionValues() {}

  /** The raw value, or null when no expression was given. */
  static Object evaluate(String setting, Function1<Session, Validation<Object>> expression, Session session) {
    if (expression == null) {
      return null;
    }
    Validation<Object> result = expression.apply(session);
    if (result instanceof Success<Object> success) {
      return success.value();
    }
    throw new RequestBuildException(setting + ": " + ((Failure) (Object) result).message());
  }

  static String string(String setting, Function1<Session, Validation<Object>> expression, Session session) {
    Object value = evaluate(setting, expression, session);
    return value == null ? null : value.toString();
  }

  static Integer integer(String setting, Function1<Session, Validation<Object>> expression, Session session) {
    Object value = evaluate(setting, expression, session);
    if (value == null || value instanceof Integer) {
      return (Integer) value;
    }
    if (value instanceof Number number && number.doubleValue() == number.intValue()) {
      return number.intValue();
    }
    try {
      return Integer.valueOf(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new RequestBuildException(setting + ": expected an integer, got '" + value + "'");
    }
  }

  static Double decimal(String setting, Function1<Session, Validation<Object>> expression, Session session) {
    Object value = evaluate(setting, expression, session);
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    try {
      return Double.valueOf(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new RequestBuildException(setting + ": expected a number, got '" + value + "'");
    }
  }

  static Boolean bool(String setting, Function1<Session, Validation<Object>> expression, Session session) {
    Object value = evaluate(setting, expression, session);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    String text = value.toString().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.valueOf(text);
    }
    throw new RequestBuildException(setting + ": expected true or false, got '" + value + "'");
  }

  /** A list of chat messages: a Java or Scala list of maps, or a JSON array string. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> messages(
      String setting, Function1<Session, Validation<Object>> expression, Session session) {
    Object value = evaluate(setting, expression, session);
    if (value == null) {
      return null;
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      value = CollectionConverters.asJava(seq);
    }
    if (value instanceof List<?> list) {
      for (Object element : list) {
        if (!(element instanceof Map)) {
          throw new RequestBuildException(
              setting + ": expected a list of messages (maps with role and content), got an element '" + element + "'");
        }
      }
      return (List<Map<String, Object>>) value;
    }
    if (value instanceof String text) {
      try {
        return JSON.readValue(text, new TypeReference<List<Map<String, Object>>>() {});
      } catch (JsonProcessingException e) {
        throw new RequestBuildException(
            setting + ": expected a JSON array of messages, got '" + abbreviate(text) + "'");
      }
    }
    throw new RequestBuildException(setting + ": expected a list of messages, got a " + value.getClass().getName());
  }

  /** Extra body fields: a Java or Scala map, or a JSON object string. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(String setting, Function1<Session, Validation<Object>> expression, Session session) {
    Object value = evaluate(setting, expression, session);
    if (value == null) {
      return null;
    }
    if (value instanceof scala.collection.Map<?, ?> scalaMap) {
      value = CollectionConverters.asJava(scalaMap);
    }
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    if (value instanceof String text) {
      try {
        return JSON.readValue(text, new TypeReference<Map<String, Object>>() {});
      } catch (JsonProcessingException e) {
        throw new RequestBuildException(setting + ": expected a JSON object, got '" + abbreviate(text) + "'");
      }
    }
    throw new RequestBuildException(setting + ": expected a map of body fields, got a " + value.getClass().getName());
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }
}
