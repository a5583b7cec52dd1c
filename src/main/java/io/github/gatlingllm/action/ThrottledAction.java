package io.github.gatlingllm.action;

import com.typesafe.scalalogging.Logger;
import io.gatling.core.action.Action;
import io.gatling.core.actor.ActorRef;
import io.gatling.core.controller.throttle.Throttler;
import io.gatling.core.controller.throttle.Throttler$Command$ThrottledRequest;
import io.gatling.core.session.Session;
import org.slf4j.LoggerFactory;
import scala.runtime.AbstractFunction0;
import scala.runtime.BoxedUnit;

/**
 * Makes an LLM request obey {@code setUp(...).throttle(...)}: Gatling's throttler only paces actions that hand it
 * their send (as its HTTP and JMS actions do), so without this a throttled scenario would send at full speed. The
 * request is handed on when the throttler releases it, on the user's own event loop; its intended start is then, as
 * the throttle reshapes the arrivals rather than queueing them.
 */
final class ThrottledAction implements Action {
  private Logger logger = Logger.apply(LoggerFactory.getLogger(getClass()));
  private final Action request;
  private final ActorRef<Throttler.Command> throttler;

  ThrottledAction(Action request, ActorRef<Throttler.Command> throttler) {
    this.request = request;
    this.throttler = throttler;
  }

  @Override
  public String name() {
    return request.name();
  }

  @Override
  public void $bang(Session session) {
    execute(session);
  }

  @Override
  public void execute(Session session) {
    // Scala's Command.ThrottledRequest, by its binary name (javac does not see it as a nested class)
    throttler.$bang(new Throttler$Command$ThrottledRequest(session.scenario(), new Release(request, session)));
  }

  /** Runs on the throttler's thread: the request hops to the user's event loop itself. */
  private static final class Release extends AbstractFunction0<BoxedUnit> {
    private final Action request;
    private final Session session;

    Release(Action request, Session session) {
      this.request = request;
      this.session = session;
    }

    @Override
    public BoxedUnit apply() {
      request.$bang(session);
      return BoxedUnit.UNIT;
    }
  }

  @Override
  public Logger logger() {
    return logger;
  }

  @Override
  public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger logger) {
    this.logger = logger;
  }
}
