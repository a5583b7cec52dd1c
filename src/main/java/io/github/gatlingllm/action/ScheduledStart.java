package io.github.gatlingllm.action;

import io.gatling.core.session.Session;
import scala.Option;

/**
 * When the load meant a request to start: an open load (Poisson arrivals, a replayed trace, a capacity search's rate
 * step) puts each user's arrival time into its session, and the next LLM request takes it as its intended start, so
 * that a send that comes late (a busy client, a wake-up after the arrival) shows as client queue time instead of
 * vanishing: the latency a user of the server would have seen counts from when the request was due. Taken once: the
 * user's later requests start when the user reaches them.
 */
public final class ScheduledStart {
  /** The session attribute: the {@link System#nanoTime()} at which the load scheduled the user's next request. */
  public static final String ATTRIBUTE = "gatling-llm.scheduledNanos";

  /**
   * How far ahead of its scheduled start a paced user is let go: what runs before the request (a feeder, session
   * functions, building the body; slower on a cold JVM) then happens before the schedule, and only the send waits for
   * it. Measured: without it the first requests of a replay were sent up to 16 ms late; with it, within a few ms.
   */
  public static final long PREPARE_AHEAD_NANOS = 50_000_000L;

  private ScheduledStart() {}

  /**
   * The scheduled start when the session holds one, else {@code now}. It may still be to come: the load paces users
   * ahead of it ({@link #PREPARE_AHEAD_NANOS}), and the request is then built at once and sent at it.
   */
  static long intendedNanos(Session session, long now) {
    Option<Object> due = session.attributes().get(ATTRIBUTE);
    if (due.isDefined() && due.get() instanceof Long scheduled) {
      return scheduled;
    }
    return now;
  }

  /**
   * When the user's next request will be sent, for a scenario that keeps its own time line (a conversation's rounds
   * count from their launch): its scheduled start when that is still to come (the user was let go ahead of it), else
   * {@code now}.
   */
  public static long launchNanos(io.gatling.javaapi.core.Session session, long now) {
    if (session.contains(ATTRIBUTE)) {
      long scheduled = session.getLong(ATTRIBUTE);
      return scheduled - now > 0 ? scheduled : now;
    }
    return now;
  }

  /** The session without its scheduled start, once a request has taken it. */
  static Session taken(Session session) {
    return session.contains(ATTRIBUTE) ? session.remove(ATTRIBUTE) : session;
  }
}
