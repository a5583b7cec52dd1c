package io.github.gatlingllm.client;

import io.github.gatlingllm.client.ClientFailure.Kind;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
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
  /** Set when a 200 answer is kept as failure detail because its content type says it is no stream. */
  private String notAStreamType;
  /** Body bytes of the current response, against {@link ResponseLimits#maxBodyBytes}. */
  private long bodyBytes;

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
    notAStreamType = null;
    bodyBytes = 0;
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
    if (code == 101) {
      // The connection now speaks another protocol (the codec hands over raw bytes and never ends a body): no answer
      // will come, and the connection is unusable for HTTP/1.1.
      failAndClose(ex, new ClientFailure(Kind.HTTP_STATUS, code, "101 Switching Protocols: the server left HTTP/1.1"));
      return;
    }
    if (code >= 100 && code < 200) {
      mode = INFORMATIONAL;
      return;
    }
    status = code;
    keepAlive = HttpUtil.isKeepAlive(response);
    // Only 200 is a stream, as vLLM's clients check: a 202 or 204 carries no generation, whatever follows.
    if (code != 200) {
      mode = ERROR_BODY;
      errorBody = new ErrorBody();
      return;
    }
    HttpHeaders headers = response.headers();
    // The pipeline's decompressor decodes gzip and deflate and then drops the header: one still here was not decoded.
    String encoding = headers.get(HttpHeaderNames.CONTENT_ENCODING);
    if (encoding != null && !HttpHeaderValues.IDENTITY.contentEqualsIgnoreCase(encoding)) {
      failAndClose(ex, ClientFailure.of(Kind.PROTOCOL_ERROR, "unsupported Content-Encoding " + Failures.clip(encoding)));
      return;
    }
    String type = headers.get(HttpHeaderNames.CONTENT_TYPE);
    if (!rawBody && StreamContentType.isNoStream(type)) {
      // A login page or a non-streamed JSON answer would otherwise "succeed" with no tokens: keep its start as detail.
      mode = ERROR_BODY;
      errorBody = new ErrorBody();
      notAStreamType = Failures.clip(type);
      return;
    }
    mode = STREAM;
    ex.handler.onResponseStart(code, clock.nanos());
  }

  /** The failure of a response read as {@link #ERROR_BODY}, once its body ended or was cut. */
  private ClientFailure bodyFailure() {
    String text = errorBody.text();
    errorBody = null;
    if (notAStreamType != null) {
      return ClientFailure.of(
          Kind.PROTOCOL_ERROR, "200 answer with Content-Type " + notAStreamType + ", not text/event-stream: " + text);
    }
    return new ClientFailure(Kind.HTTP_STATUS, status, text);
  }

  private void onContent(Exchange ex, HttpContent content) {
    boolean last = content instanceof LastHttpContent;
    switch (mode) {
      case STREAM -> {
        long now = clock.nanos();
        if (overCap(content)) {
          failAndClose(ex, ClientFailure.of(Kind.PROTOCOL_ERROR, "response body longer than " + cap() + " bytes"));
          return;
        }
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
        if (overCap(content)) { // an error page that never ends: its start is all the news there is
          failAndClose(ex, bodyFailure());
          return;
        }
        errorBody.append(content.content());
        if (last) {
          ClientFailure failure = bodyFailure();
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

  /** Counts a body slice against {@link ResponseLimits#maxBodyBytes}: true once the body is over it. */
  private boolean overCap(HttpContent content) {
    bodyBytes += content.content().readableBytes();
    long cap = cap();
    return cap > 0 && bodyBytes > cap;
  }

  private long cap() {
    return pool.limits().maxBodyBytes();
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
          ex.fail(bodyFailure(), now);
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
          mode == ERROR_BODY ? bodyFailure() : Failures.exchangeFailure(cause);
      ex.fail(failure, System.nanoTime());
    }
  }

  /**
   * Retries once on a fresh connection a request whose pooled connection died before answering anything: the server
   * most likely closed an idle keep-alive connection while the request was on its way, so it never processed it. Only
   * when {@link ResponseLimits#retryUnanswered} allows it: a server that did start the generation pays for it twice.
   */
  private boolean retried(Exchange ex) {
    if (!ex.reusedConnection || ex.retried || !pool.limits().retryUnanswered() || clock.readSinceSend() || pool.isClientClosed()) {
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
