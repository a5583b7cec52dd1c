package io.github.gatlingllm.client;

import io.github.gatlingllm.client.ClientFailure.Kind;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One request from {@code execute} to its terminal callback: the only per-request object of the client.
 *
 * <p>It is its own timeout task. One task is scheduled at the nearest deadline; when it fires it checks which deadline
 * really expired and, if events arrived meanwhile, reschedules itself for what remains (the {@code IdleStateHandler}
 * way), so data events only store a timestamp and never touch the scheduler.
 *
 * <p>It guards the handler contract: at most one terminal callback, nothing after it. Confined to its event loop.
 */
final class Exchange implements Runnable {
  private static final InternalLogger LOG = InternalLoggerFactory.getInstance(Exchange.class);

  final EventLoop loop;
  final StreamingRequest request;
  final StreamHandler handler;
  private final long firstTokenTimeout;
  private final long idleTimeout;
  private final long totalTimeout;

  /** The request message for the first attempt, built (and validated) by {@code execute}; rebuilt for a retry. */
  private FullHttpRequest encoded;

  private Http1Connection connection;
  private ScheduledFuture<?> timer;
  private long sendNanos;
  private long lastEventNanos;
  private boolean sawEvent;
  private boolean done;
  /** Sent on a pooled connection: a close before any response byte is the stale keep-alive race, worth one retry. */
  boolean reusedConnection;
  boolean retried;

  Exchange(EventLoop loop, StreamingRequest request, StreamHandler handler, FullHttpRequest encoded, Timeouts timeouts) {
    this.loop = loop;
    this.request = request;
    this.handler = handler;
    this.encoded = encoded;
    this.firstTokenTimeout = timeouts.firstTokenNanos();
    this.idleTimeout = timeouts.idleNanos();
    this.totalTimeout = timeouts.totalNanos();
  }

  HttpTarget target() {
    return request.target();
  }

  boolean isDone() {
    return done;
  }

  /** The message to write for this attempt; ownership passes to the caller (the write releases it). */
  FullHttpRequest takeRequest() {
    FullHttpRequest msg = encoded;
    encoded = null;
    return msg != null ? msg : RequestEncoder.encode(request); // already validated once, cannot throw now
  }

  /** The request is about to be written on {@code conn}: report the send time and arm the timeouts. */
  void sending(Http1Connection conn, long nowNanos) {
    connection = conn;
    sendNanos = nowNanos;
    sawEvent = false;
    handler.onSend(nowNanos);
    arm(nowNanos);
  }

  /** A data event was read: remember when; the timer catches up lazily, as deadlines only move later... */
  void eventRead(long readNanos) {
    lastEventNanos = readNanos;
    if (!sawEvent) {
      sawEvent = true;
      // ...except at the first event, where the idle deadline replaces the first-token one and may come sooner.
      // One reschedule per request at most.
      if (idleTimeout > 0 && idleTimeout < firstTokenTimeout) {
        cancelTimer();
        arm(System.nanoTime());
      }
    }
  }

  /** The connection gave up on this attempt to retry it elsewhere: stop its timer, keep the handler untouched. */
  void detach() {
    cancelTimer();
    connection = null;
  }

  // ---- terminal transitions: exactly one of them, once ----

  void end(long nanos) {
    if (finish()) {
      try {
        handler.onEnd(nanos);
      } catch (RuntimeException e) {
        // The connection may already serve the next request: a handler bug must not fail that one.
        LOG.warn("StreamHandler.onEnd threw", e);
      }
    }
  }

  void fail(ClientFailure failure, long nanos) {
    if (finish()) {
      try {
        handler.onFailure(failure, nanos);
      } catch (RuntimeException e) {
        LOG.warn("StreamHandler.onFailure threw", e);
      }
    }
  }

  /** The handler returned false from onEvent: it wants nothing more. */
  void abandon() {
    finish();
  }

  private boolean finish() {
    if (done) {
      return false;
    }
    done = true;
    cancelTimer();
    connection = null;
    if (encoded != null) { // never written (connect failed): give the message back
      encoded.release();
      encoded = null;
    }
    return true;
  }

  // ---- timeouts ----

  /** Fires at the nearest deadline computed at the last arming; events may have pushed deadlines since. */
  @Override
  public void run() {
    timer = null;
    if (done) {
      return;
    }
    arm(System.nanoTime());
  }

  /** Fails the request if a deadline has passed at {@code now}, else schedules one task for the nearest one. */
  private void arm(long now) {
    long nearest = Long.MAX_VALUE;
    Kind kind = null;
    if (totalTimeout > 0) {
      nearest = sendNanos + totalTimeout - now;
      kind = Kind.TOTAL_TIMEOUT;
    }
    // Before the first event only the first-token limit applies (prefill of a long prompt is not an idle gap); the
    // idle limit stands in for it when it is disabled. On ties the more specific kind wins.
    long left = Long.MAX_VALUE;
    Kind gapKind = null;
    if (!sawEvent) {
      if (firstTokenTimeout > 0) {
        left = sendNanos + firstTokenTimeout - now;
        gapKind = Kind.FIRST_TOKEN_TIMEOUT;
      } else if (idleTimeout > 0) {
        left = sendNanos + idleTimeout - now;
        gapKind = Kind.IDLE_TIMEOUT;
      }
    } else if (idleTimeout > 0) {
      left = lastEventNanos + idleTimeout - now;
      gapKind = Kind.IDLE_TIMEOUT;
    }
    if (gapKind != null && left <= nearest) {
      nearest = left;
      kind = gapKind;
    }
    if (kind == null) {
      return; // no timeout configured
    }
    if (nearest <= 0) {
      Http1Connection conn = connection;
      if (conn != null) {
        conn.timedOut(this, ClientFailure.of(kind, describe(kind)), now);
      } else {
        fail(ClientFailure.of(kind, describe(kind)), now);
      }
      return;
    }
    timer = loop.schedule(this, nearest, TimeUnit.NANOSECONDS);
  }

  private String describe(Kind kind) {
    long limit =
        switch (kind) {
          case TOTAL_TIMEOUT -> totalTimeout;
          case FIRST_TOKEN_TIMEOUT -> firstTokenTimeout;
          default -> idleTimeout;
        };
    String awaited = request.bodyFormat() == BodyFormat.RAW ? "body chunk" : "SSE data event";
    return "no " + (kind == Kind.TOTAL_TIMEOUT ? "end of response" : awaited) + " within "
        + TimeUnit.NANOSECONDS.toMillis(limit) + " ms";
  }

  private void cancelTimer() {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      timer = null;
      t.cancel(false);
    }
  }
}
