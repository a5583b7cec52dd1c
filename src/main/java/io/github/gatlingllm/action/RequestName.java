package io.github.gatlingllm.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import scala.Function1;

/**
 * A request's name in Gatling's stats, resolved per request as Gatling resolves its HTTP request names. A fixed name
 * (no Expression Language) costs nothing per request; a name from the session is evaluated each time.
 *
 * <p>Every distinct name is a row in Gatling's report (and four with the derived TTFT, TPOT, ITL records): keep the
 * set of names small. Gatling Enterprise stops a test above 2,000 distinct names.
 */
public final class RequestName {
  private final String label;
  private final String fixed;
  private final Function1<Session, Validation<Object>> expression;

  private RequestName(String label, String fixed, Function1<Session, Validation<Object>> expression) {
    this.label = label;
    this.fixed = fixed;
    this.expression = expression;
  }

  /** A name that is the same for every request. */
  public static RequestName fixed(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("request name: expected a non-empty name, got '" + name + "'");
    }
    return new RequestName(name, name, null);
  }

  /**
   * A name evaluated per request.
   *
   * @param label what stands for the name where none could be resolved: the action's name, and the name under which
   *     Gatling records a request whose name failed to resolve (the EL source, e.g. {@code "#{step}"})
   */
  public static RequestName evaluated(String label, Function1<Session, Validation<Object>> expression) {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("request name label: expected a non-empty label, got '" + label + "'");
    }
    if (expression == null) {
      throw new IllegalArgumentException("request name: expected an expression, got null");
    }
    return new RequestName(label, null, expression);
  }

  /** The fixed name, or the label of an evaluated one: the action's name. */
  public String label() {
    return label;
  }

  /** True when the name does not depend on the session. */
  public boolean isFixed() {
    return fixed != null;
  }

  /**
   * The name for this request.
   *
   * @throws RequestBuildException when the expression fails or gives an empty name
   */
  String resolve(Session session) {
    if (fixed != null) {
      return fixed;
    }
    String value = SessionValues.string("request name", expression, session);
    if (value == null || value.isBlank()) {
      throw new RequestBuildException("request name: expected a non-empty name, got '" + value + "'");
    }
    return value;
  }
}
