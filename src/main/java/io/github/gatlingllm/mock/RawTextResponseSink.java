package io.github.gatlingllm.mock;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * LLM-on-Ray's simple-mode response: {@code text/plain; charset=utf-8}, chunked, one token's text per HTTP chunk, no
 * framing, counts or end marker: the body just ends. Same write discipline as {@link SseResponseSink} (bare pooled
 * buffers, void promises).
 *
 * <p>Raw text has no in-band error or malformed form, so the faults become what a client of such a server sees:
 * {@link FaultMode#MALFORMED} writes bytes that are not UTF-8 (decoded as replacement characters, not a failure), and
 * {@link FaultMode#ERROR_EVENT} closes the connection before the body's last chunk (a truncated body).
 */
final class RawTextResponseSink implements ResponseSink {
  /** Never valid in UTF-8. */
  private static final byte[] NOT_UTF8 = {(byte) 0xFF, (byte) 0xFE};

  private final ChannelHandlerContext ctx;

  RawTextResponseSink(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void begin() {
    SseResponseSink.beginStream(ctx, "text/plain; charset=utf-8");
  }

  @Override
  public void token(int index, boolean last) {
    byte[] text = TokenVocabulary.jsonBytes(index);
    ctx.write(ctx.alloc().ioBuffer(text.length).writeBytes(text), ctx.voidPromise());
  }

  @Override
  public void flush() {
    ctx.flush();
  }

  @Override
  public void complete() {
    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, ctx.voidPromise());
  }

  @Override
  public void malformed() {
    ctx.write(ctx.alloc().ioBuffer(NOT_UTF8.length).writeBytes(NOT_UTF8), ctx.voidPromise());
  }

  @Override
  public void error() {
    ctx.flush();
    ctx.channel().close();
  }
}
