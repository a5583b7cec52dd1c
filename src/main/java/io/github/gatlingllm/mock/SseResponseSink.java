package io.github.gatlingllm.mock;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * A {@code text/event-stream} response in chunked transfer encoding, one SSE event per token. Token events are
 * written as bare {@code ByteBuf}s, which the HTTP encoder frames as chunks without wrapping objects, and with the
 * void promise: the hot path allocates only the pooled buffer.
 */
final class SseResponseSink implements ResponseSink {
  private final ChannelHandlerContext ctx;
  private final IncomingRequest request;
  private final SseChunkEncoder encoder;
  private final int outputTokens;
  private final int finish;
  private final int reasoningTokens;
  private final int cachedTokens;

  /** @param cachedTokens for usage: prompt tokens the prefix cache served, or {@link TokenUsage#NOT_REPORTED} */
  SseResponseSink(
      ChannelHandlerContext ctx,
      IncomingRequest request,
      String id,
      long createdSeconds,
      int outputTokens,
      int reasoningTokens,
      int cachedTokens) {
    this.ctx = ctx;
    this.request = request;
    this.encoder = new SseChunkEncoder(request.endpoint(), id, createdSeconds, request.model());
    this.outputTokens = outputTokens;
    this.cachedTokens = cachedTokens;
    // Reasoning is a chat thing (delta.reasoning_content); never more than the stream's tokens.
    this.reasoningTokens = request.endpoint() == Endpoint.CHAT ? Math.min(reasoningTokens, outputTokens) : 0;
    this.finish =
        outputTokens == request.maxTokens() ? SseChunkEncoder.FINISH_LENGTH : SseChunkEncoder.FINISH_STOP;
  }

  @Override
  public void begin() {
    beginStream(ctx);
  }

  /** Status and headers of an SSE response, flushed. */
  static void beginStream(ChannelHandlerContext ctx) {
    beginStream(ctx, "text/event-stream; charset=utf-8");
  }

  /** Status and headers of a chunked streamed response of {@code contentType}, flushed. */
  static void beginStream(ChannelHandlerContext ctx, String contentType) {
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
        .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    ctx.writeAndFlush(response, ctx.voidPromise());
  }

  @Override
  public void token(int index, boolean last) {
    if (index == 0 && request.endpoint() == Endpoint.CHAT) {
      ctx.write(encoder.role(ctx.alloc()), ctx.voidPromise());
    }
    ctx.write(
        encoder.token(ctx.alloc(), index, last ? finish : SseChunkEncoder.FINISH_NONE, index < reasoningTokens),
        ctx.voidPromise());
  }

  @Override
  public void flush() {
    ctx.flush();
  }

  @Override
  public void complete() {
    if (request.includeUsage()) {
      TokenUsage usage = new TokenUsage(request.promptTokens(), cachedTokens, outputTokens, reasoningTokens);
      ctx.write(encoder.usage(ctx.alloc(), usage), ctx.voidPromise());
    }
    end();
  }

  @Override
  public void malformed() {
    ctx.write(SseChunkEncoder.malformed(ctx.alloc()), ctx.voidPromise());
  }

  @Override
  public void error() {
    ctx.write(
        SseChunkEncoder.error(ctx.alloc(), 500, "Mock fault: error event in the middle of the stream"),
        ctx.voidPromise());
    end();
  }

  private void end() {
    ctx.write(SseChunkEncoder.done(ctx.alloc()), ctx.voidPromise());
    // The keep-alive handler closes the connection here if the request asked for it.
    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, ctx.voidPromise());
  }
}
