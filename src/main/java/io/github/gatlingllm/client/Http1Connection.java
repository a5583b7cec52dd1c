package io.github.gatlingllm.client;

import io.github.gatlingllm.client.ClientFailure.Kind;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a connection's pipeline: drives the one request in flight on it (HTTP/1.1, no pipelining) and
 * feeds the response body to this connection's {@link SseDecoder}, or to its {@link RawBodyReader} when the request
 * asked for a {@link BodyFormat#RAW raw} body. Both paths share the read stamps, timers and failure handling: only
 * the cutting of the body into events differs.
 *
 * <p>Ownership: every message reaching {@link #channelRead} is released here. The current {@link Exchange} is set by
 * {@link #send} and cleared before any terminal callback, so a callback that starts the next request on this same
 * connection (it is back in the pool before {@code onEnd}) finds it free. Confined to the connection's event loop.
 */
final class Http1Connection extends ChannelInboundHandlerAdapter implements SseDecoder.Listener {
  // What the bytes of the current response are.
  private static final int AWAIT_HEADERS = 0;
  private static final int INFORMATIONAL = 1; // a 1xx response, followed by the real one
  private static final int STREAM = 2;
  private static final int ERROR_BODY = 3;

  final HttpTarget target;
  private final ConnectionPool pool;
  private final ReadClock clock;
  private final SseDecoder decoder = new SseDecoder(this);
  private final RawBodyReader rawReader = new RawBodyReader(this);
  /** The current response is read with {@link #rawReader}, not {@link #decoder}. */
  private boolean rawBody;
  private Channel channel;

  private Exchange exchange;
  private int mode;
  private int status;
  private boolean keepAlive;
  private ErrorBody errorBody;

  Http1Connection(ConnectionPool pool, HttpTarget target, ReadClock clock) {
    this.pool = pool;
    this.target = target;
    this.clock = clock;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  boolean isActive() {
    return channel.isActive();
  }

  void close() {
    channel.close();
  }

  /** Writes the exchange's request on this (idle) connection. */
  void send(Exchange ex) {
    exchange = ex;
    mode = AWAIT_HEADERS;
    errorBody = null;
    decoder.reset();
    rawReader.reset();
    rawBody = ex.request.bodyFormat() == BodyFormat.RAW;
    FullHttpRequest msg = ex.takeRequest();
    clock.requestSent();
    ex.sending(this, System.nanoTime());
    // One write, one flush. The void promise sends a write failure to exceptionCaught, where the exchange is handled.
    channel.writeAndFlush(msg, channel.voidPromise());
  }

  // ---- inbound ----

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      Exchange ex = exchange;
      if (ex == null) {
        // Bytes with no request in flight: a server talking out of turn, or leftovers after we gave up on a
        // response. Either way this connection's framing can no longer be trusted.
        channel.close();
        return;
      }
      if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
        failAndClose(ex, ClientFailure.of(Kind.PROTOCOL_ERROR, Failures.detail(http.decoderResult().cause())));
        return;
      }
      if (msg instanceof HttpResponse response) {
        onResponse(ex, response);
      }
      if (msg instanceof HttpContent content && exchange == ex) {
        onContent(ex, content);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onResponse(Exchange ex, HttpResponse response) {
    int code = response.status().code();
    if (code >= 100 && code < 200 && code != 101) {
      mode = INFORMATIONAL;
      return;
    }
    status = code;
    keepAlive = HttpUtil.isKeepAlive(response);
    // Only 200 is a stream, as vLLM's clients check: a 202 or 204 carries no generation, whatever follows.
    if (code == 200) {
      mode = STREAM;
      ex.handler.onResponseStart(code, clock.nanos());
    } else {
      mode = ERROR_BODY;
      errorBody = new ErrorBody();
    }
  }

  private void onContent(Exchange ex, HttpContent content) {
    boolean last = content instanceof LastHttpContent;
    switch (mode) {
      case STREAM -> {
        long now = clock.nanos();
        boolean goOn;
        try {
          goOn = decodeBody(content, last, now);
        } catch (SseDecoder.EventTooLargeException e) {
          failAndClose(ex, ClientFailure.of(Kind.PROTOCOL_ERROR, e.getMessage()));
          return;
        }
        if (!goOn) {
          exchange = null;
          channel.close();
          ex.abandon();
        } else if (last) {
          finished(ex, now);
        }
      }
      case ERROR_BODY -> {
        errorBody.append(content.content());
        if (last) {
          ClientFailure failure = new ClientFailure(Kind.HTTP_STATUS, status, errorBody.text());
          errorBody = null;
          releaseOrClose();
          ex.fail(failure, clock.nanos());
        }
      }
      case INFORMATIONAL -> {
        if (last) {
          mode = AWAIT_HEADERS;
        }
      }
      default -> failAndClose(ex, ClientFailure.of(Kind.PROTOCOL_ERROR, "response body before headers"));
    }
  }

  /**
   * Hands one body slice to the reader of this response's format. A raw body has no framing of its own: its end is the
   * HTTP end of body, which the caller handles for both formats.
   *
   * @return {@code false} when the handler wants nothing more
   */
  private boolean decodeBody(HttpContent content, boolean last, long now) {
    if (rawBody) {
      return rawReader.read(content.content(), now);
    }
    return decoder.decode(content.content(), now) && (!last || decoder.endOfStream(now));
  }

  /** The body ended normally: free the connection first so onEnd can reuse it at once, then report. */
  private void finished(Exchange ex, long now) {
    releaseOrClose();
    ex.end(now);
  }

  private void releaseOrClose() {
    exchange = null;
    // A close-delimited body ends with the close itself, so isActive() also rules out reusing those.
    if (keepAlive && channel.isActive()) {
      pool.release(this);
    } else {
      channel.close();
    }
  }

  /** From the decoder (or the raw reader): one complete data event (or raw slice) of the current response. */
  @Override
  public boolean onEvent(SseEvent event, long readNanos) {
    Exchange ex = exchange;
    ex.eventRead(readNanos);
    if (ex.isDone()) {
      return false; // a deadline checked at the first event had already passed: the failure was reported
    }
    return ex.handler.onEvent(event, readNanos);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    pool.removed(this);
    Exchange ex = exchange;
    if (ex != null) {
      exchange = null;
      if (!retried(ex)) {
        long now = System.nanoTime();
        if (mode == ERROR_BODY) { // the status is the real news; the body was just cut short
          ex.fail(new ClientFailure(Kind.HTTP_STATUS, status, errorBody.text()), now);
        } else {
          ex.fail(pool.isClientClosed() ? Failures.CLIENT_CLOSED : closedEarly(), now);
        }
      }
    }
    super.channelInactive(ctx);
  }

  private ClientFailure closedEarly() {
    return ClientFailure.of(
        Kind.CONNECTION_CLOSED,
        mode == AWAIT_HEADERS ? "connection closed before the response" : "connection closed before the body ended");
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Exchange ex = exchange;
    channel.close();
    if (ex == null) {
      return; // an idle or connecting connection: the close is the whole story
    }
    exchange = null;
    if (!(Failures.isConnectionLoss(cause) && retried(ex))) {
      ClientFailure failure =
          mode == ERROR_BODY
              ? new ClientFailure(Kind.HTTP_STATUS, status, errorBody.text())
              : Failures.exchangeFailure(cause);
      ex.fail(failure, System.nanoTime());
    }
  }

  /**
   * Retries once on a fresh connection a request whose pooled connection died before answering anything: the server
   * closed an idle keep-alive connection while the request was on its way, so it never processed it.
   */
  private boolean retried(Exchange ex) {
    if (!ex.reusedConnection || ex.retried || clock.readSinceSend() || pool.isClientClosed()) {
      return false;
    }
    ex.detach();
    pool.retry(ex);
    return true;
  }

  /** Called by the exchange's timer. */
  void timedOut(Exchange ex, ClientFailure failure, long now) {
    if (exchange == ex) {
      exchange = null;
      channel.close();
    }
    ex.fail(failure, now);
  }

  private void failAndClose(Exchange ex, ClientFailure failure) {
    exchange = null;
    channel.close();
    ex.fail(failure, System.nanoTime());
  }
}
