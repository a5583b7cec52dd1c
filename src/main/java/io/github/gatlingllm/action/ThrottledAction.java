package io.github.gatlingllm.action;

import io.gatling.commons.util.Clock;
import io.gatling.core.action.Action;
import io.gatling.core.actor.ActorRef;
import io.gatling.core.controller.throttle.Throttler;
import io.gatling.core.controller.throttle.Throttler$Command$ThrottledRequest;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import scala.runtime.AbstractFunction0;
import scala.Option;
import scala.runtime.BoxedUnit;

/**
 * Makes an LLM request obey {@code setUp(...).throttle(...)}: Gatling's throttler only paces actions that hand it
 * their send (as its HTTP and JMS actions do), so without this a throttled scenario would send at full speed. The
 * request is handed on when the throttler releases it, on the user's own event loop; its intended start is then, as
 * the throttle reshapes the arrivals rather than queueing them. A user leaving a block exits before taking a slot.
 */
final class ThrottledAction extends LlmActionBase {
  private final Action request;
  private final ActorRef<Throttler.Command> throttler;

  /**
   * @param request the request action, which goes on to {@code next} itself
   * @param next where a session goes if handing it to the throttler fails
   */
  ThrottledAction(
      Action request, ActorRef<Throttler.Command> throttler, Action next, StatsEngine statsEngine, Clock clock) {
    super(request.name(), next, statsEngine, clock);
    this.request = request;
    this.throttler = throttler;
  }

  @Override
  protected void run(Session session) {
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
      // The throttler's wait is Gatling's pacing, not the client's lateness: the request's intended start is its
      // release, unless its scheduled arrival is still to come.
      long now = System.nanoTime();
      Option<Object> scheduled = session.attributes().get(ScheduledStart.ATTRIBUTE);
      Session released =
          scheduled.isDefined() && scheduled.get() instanceof Long due && due - now > 0
              ? session
              : session.set(ScheduledStart.ATTRIBUTE, now);
      request.$bang(released);
      return BoxedUnit.UNIT;
    }
  }
}
