package io.github.gatlingllm.action;

import com.typesafe.scalalogging.Logger;
import io.gatling.commons.util.Clock;
import io.gatling.core.action.Action;
import io.gatling.core.action.BlockExit;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.netty.channel.EventLoop;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * A Gatling action written in plain Java. Gatling's {@code ChainableAction}/{@code ExitableAction} traits cannot be
 * implemented from javac (scalac super-accessors), so this base reproduces what they do with public API only: leave a
 * loop or tryMax block when the session must exit, run on the virtual user's event loop, and turn an unexpected
 * exception into a failed session handed to the next action rather than a stuck user.
 */
public abstract class LlmActionBase implements Action {
  private Logger logger = Logger.apply(LoggerFactory.getLogger(getClass()));
  protected final String name;
  protected final Action next;
  protected final StatsEngine statsEngine;
  protected final Clock clock;

  protected LlmActionBase(String name, Action next, StatsEngine statsEngine, Clock clock) {
    this.name = name;
    this.next = next;
    this.statsEngine = statsEngine;
    this.clock = clock;
  }

  /** The action's work, always on the session's event loop. */
  protected abstract void run(Session session);

  @Override
  public String name() {
    return name;
  }

  @Override
  public void $bang(Session session) {
    Option<BlockExit> exit = BlockExit.mustExit(session);
    if (exit.isDefined()) {
      exit.get().exitBlock(statsEngine, clock.nowMillis());
      return;
    }
    EventLoop loop = session.eventLoop();
    if (loop.inEventLoop()) {
      execute(session);
    } else if (!loop.isShutdown()) {
      loop.execute(() -> $bang(session));
    }
  }

  @Override
  public void execute(Session session) {
    try {
      run(session);
    } catch (RuntimeException e) {
      if ("cannot enqueue after timer shutdown".equals(e.getMessage())) {
        return; // the run is over and the event loops are closing
      }
      logger.underlying().error("'{}' crashed, forwarding to the next action", name, e);
      next.$bang(session.markAsFailed());
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
