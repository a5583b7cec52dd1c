package io.github.gatlingllm.mock;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * A TGI {@code /generate_stream} response: the same SSE framing as {@link SseResponseSink} (chunked, one event per
 * HTTP chunk, void promises), with {@link TgiChunkEncoder}'s events and no {@code [DONE]}.
 */
final class TgiResponseSink implements ResponseSink {
  private final ChannelHandlerContext ctx;
  private final IncomingRequest request;
  /** Generation stopped before the limit: the last token is the end-of-sequence one. */
  private final boolean eos;

  TgiResponseSink(ChannelHandlerContext ctx, IncomingRequest request, int outputTokens) {
    this.ctx = ctx;
    this.request = request;
    this.eos = outputTokens < request.maxTokens();
  }

  @Override
  public void begin() {
    SseResponseSink.beginStream(ctx);
  }

  @Override
  public void token(int index, boolean last) {
    ctx.write(
        last
            ? TgiChunkEncoder.last(ctx.alloc(), index, eos, request.promptTokens())
            : TgiChunkEncoder.token(ctx.alloc(), index),
        ctx.voidPromise());
  }

  @Override
  public void flush() {
    ctx.flush();
  }

  @Override
  public void complete() {
    end();
  }

  @Override
  public void malformed() {
    ctx.write(TgiChunkEncoder.malformed(ctx.alloc()), ctx.voidPromise());
  }

  @Override
  public void error() {
    ctx.write(
        TgiChunkEncoder.error(ctx.alloc(), "Mock fault: error event in the middle of the stream"), ctx.voidPromise());
    end();
  }

  private void end() {
    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, ctx.voidPromise());
  }
}
