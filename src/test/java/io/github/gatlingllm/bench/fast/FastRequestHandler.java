package io.github.gatlingllm.bench.fast;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * One connection of {@link FastStreamServer}: finds where each HTTP/1.1 request ends from its head and
 * {@code Content-Length} alone (the body, a JSON prompt, is skipped unread: parsing it is what a fast server must not
 * pay for), then routes it. Only the request line and that one header are looked at.
 */
final class FastRequestHandler extends ChannelInboundHandlerAdapter {
  /** A request head larger than this is refused (431) rather than buffered without end. */
  static final int MAX_HEAD_BYTES = 32 * 1024;

  private static final byte[] CONTENT_LENGTH = ascii("content-length:");
  private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding:");
  private static final byte[] POST_COMPLETIONS = ascii("POST /v1/completions ");
  private static final byte[] GET_STATS = ascii("GET /stats ");
  private static final byte[] GET_STATS_REQUESTS = ascii("GET /stats/requests ");
  private static final byte[] POST_STATS_RESET = ascii("POST /stats/reset ");
  private static final byte[] GET_MODELS = ascii("GET /v1/models ");

  private enum Route { GENERATE, STATS, STATS_REQUESTS, STATS_RESET, MODELS, NOT_FOUND }

  private final FastStreamServer server;
  private StreamWheel wheel;
  private StreamState stream;
  /** Bytes of a request cut across reads; null when every read so far ended on a request boundary. */
  private ByteBuf cumulation;
  private long bodyLeft;
  private Route route;

  FastRequestHandler(FastStreamServer server) {
    this.server = server;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    wheel = server.wheelOf(ctx.channel().eventLoop());
    stream = new StreamState(ctx);
    wheel.stats.connectionsAccepted++;
    server.connectionAccepted();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    wheel.stats.connectionsClosed++;
    server.connectionClosed();
    if (cumulation != null) {
      cumulation.release();
      cumulation = null;
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    // One stamp per read: the request's TTFT counts from the start of the read that completed it, as vLLM's would.
    long readNanos = System.nanoTime();
    ByteBuf in = (ByteBuf) msg;
    wheel.stats.bytesRead += in.readableBytes();
    try {
      if (cumulation == null) {
        parse(ctx, in, readNanos);
        if (in.isReadable() && ctx.channel().isActive()) {
          cumulation = ctx.alloc().heapBuffer(Math.max(1024, in.readableBytes() * 2));
          cumulation.writeBytes(in);
        }
      } else {
        cumulation.writeBytes(in);
        parse(ctx, cumulation, readNanos);
        if (!cumulation.isReadable()) {
          cumulation.release();
          cumulation = null;
        } else {
          cumulation.discardReadBytes();
        }
      }
    } finally {
      in.release();
    }
  }

  private void parse(ChannelHandlerContext ctx, ByteBuf buf, long readNanos) {
    while (buf.isReadable() && ctx.channel().isActive()) {
      if (route != null) {
        int skip = (int) Math.min(bodyLeft, buf.readableBytes());
        buf.skipBytes(skip);
        bodyLeft -= skip;
        if (bodyLeft > 0) {
          return;
        }
        Route done = route;
        route = null;
        dispatch(ctx, done, readNanos);
        continue;
      }
      int end = headEnd(buf);
      if (end < 0) {
        if (buf.readableBytes() > MAX_HEAD_BYTES) {
          refuse(ctx, 431, "Request Header Fields Too Large");
        }
        return;
      }
      int start = buf.readerIndex();
      route = routeOf(buf, start);
      bodyLeft = contentLength(buf, start, end);
      buf.readerIndex(end);
      if (bodyLeft < 0) {
        route = null;
        refuse(ctx, 411, "Length Required"); // chunked request bodies: no client of ours sends them
        return;
      }
      if (bodyLeft == 0) {
        Route done = route;
        route = null;
        dispatch(ctx, done, readNanos);
      }
    }
  }

  private void dispatch(ChannelHandlerContext ctx, Route r, long readNanos) {
    switch (r) {
      case GENERATE -> {
        if (stream.active) {
          refuse(ctx, 400, "Bad Request"); // a pipelined request: HTTP/1.1 clients of ours never send one
          return;
        }
        long rank = server.nextRequestRank();
        wheel.stats.requestsTotal++;
        boolean measured = rank > server.options().truthSkipFirst();
        if (measured) {
          wheel.stats.requests++;
        }
        wheel.start(stream, readNanos, measured);
      }
      case STATS -> server.stats(json -> reply(ctx, 200, "OK", "application/json", json));
      case STATS_REQUESTS -> reply(ctx, 200, "OK", "application/json", server.counters());
      case STATS_RESET -> server.reset(() -> reply(ctx, 200, "OK", "application/json", "{\"reset\":true}"));
      case MODELS -> reply(ctx, 200, "OK", "application/json",
          "{\"object\":\"list\",\"data\":[{\"id\":\"" + FastChunks.MODEL + "\",\"object\":\"model\"}]}");
      default -> reply(ctx, 404, "Not Found", "text/plain", "not found");
    }
  }

  private static void reply(ChannelHandlerContext ctx, int status, String reason, String type, String body) {
    ctx.writeAndFlush(FastChunks.plain(status, reason, type, body), ctx.voidPromise());
  }

  private void refuse(ChannelHandlerContext ctx, int status, String reason) {
    ctx.writeAndFlush(FastChunks.plain(status, reason, "text/plain", reason)).addListener(ChannelFutureListener.CLOSE);
  }

  private static Route routeOf(ByteBuf buf, int start) {
    if (startsWith(buf, start, POST_COMPLETIONS)) {
      return Route.GENERATE;
    } else if (startsWith(buf, start, GET_STATS)) {
      return Route.STATS;
    } else if (startsWith(buf, start, GET_STATS_REQUESTS)) {
      return Route.STATS_REQUESTS;
    } else if (startsWith(buf, start, POST_STATS_RESET)) {
      return Route.STATS_RESET;
    } else if (startsWith(buf, start, GET_MODELS)) {
      return Route.MODELS;
    }
    return Route.NOT_FOUND;
  }

  /** The index just after the blank line that ends the request head, or -1 when it has not all arrived. */
  static int headEnd(ByteBuf buf) {
    int line = buf.readerIndex();
    int limit = buf.writerIndex();
    while (line < limit) {
      int eol = buf.indexOf(line, limit, (byte) '\n');
      if (eol < 0) {
        return -1;
      }
      if (eol == line || (eol == line + 1 && buf.getByte(line) == '\r')) {
        return eol + 1;
      }
      line = eol + 1;
    }
    return -1;
  }

  /** The Content-Length of the head in [start, end); 0 without one; -1 for a chunked body. */
  static long contentLength(ByteBuf buf, int start, int end) {
    int line = start;
    while (line < end) {
      int eol = buf.indexOf(line, end, (byte) '\n');
      int lineEnd = eol < 0 ? end : eol;
      if (startsWithIgnoreCase(buf, line, lineEnd, CONTENT_LENGTH)) {
        long value = 0;
        for (int i = line + CONTENT_LENGTH.length; i < lineEnd; i++) {
          byte b = buf.getByte(i);
          if (b >= '0' && b <= '9') {
            value = value * 10 + (b - '0');
          }
        }
        return value;
      }
      if (startsWithIgnoreCase(buf, line, lineEnd, TRANSFER_ENCODING)) {
        return -1;
      }
      line = lineEnd + 1;
    }
    return 0;
  }

  private static boolean startsWith(ByteBuf buf, int at, byte[] prefix) {
    if (buf.writerIndex() - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buf.getByte(at + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWithIgnoreCase(ByteBuf buf, int at, int end, byte[] lowerPrefix) {
    if (end - at < lowerPrefix.length) {
      return false;
    }
    for (int i = 0; i < lowerPrefix.length; i++) {
      byte b = buf.getByte(at + i);
      if (b >= 'A' && b <= 'Z') {
        b += 'a' - 'A';
      }
      if (b != lowerPrefix[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // a reset by the client at the end of a run: nothing to report per connection
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
