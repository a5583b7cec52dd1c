package io.github.gatlingllm.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;

/**
 * Answers every POST of the {@link WarmUpStreamer} with a complete OpenAI-compatible stream, at once: 200, {@code
 * text/event-stream} in chunked transfer encoding (as vLLM sends it), one chunk per token in the shape of the
 * request's path (chat {@code delta} chunks after a role chunk for {@code .../chat/completions}, completions
 * {@code text} chunks otherwise), the last one with {@code finish_reason: "length"}, then a usage chunk with empty
 * {@code choices} (vLLM's answer to {@code stream_options.include_usage}) and {@code data: [DONE]}.
 *
 * <p>The stream has the request's {@code max_tokens} (capped; {@value #DEFAULT_TOKENS} without one): the warm-up
 * decides how much it reads. Every event is flushed on its own so that the client mostly meets one event per read, as
 * with a real server, while a loaded loop still coalesces some: both read paths get warm. The tokens cycle through
 * plain ASCII, a JSON escape and multi-byte UTF-8, the three kinds of text the client's readers handle.
 *
 * <p>Stateless, shared by every connection; confined to the streamer's single thread.
 */
@Sharable
final class WarmUpStreamResponder extends SimpleChannelInboundHandler<FullHttpRequest> {
  static final int DEFAULT_TOKENS = 16;
  /** Bounds what one request can make this thread write (the port is loopback only, but any local process sees it). */
  static final int MAX_TOKENS = 4096;
  /** What the usage chunk reports as the prompt: the warm-up checks output counts only. */
  static final int PROMPT_TOKENS = 4;

  private static final byte[] MAX_TOKENS_FIELD = ascii("\"max_tokens\"");
  private static final byte[][] TOKENS = {
    utf8(" warm"), utf8(" up"), utf8("\\n"), utf8(" caf\u00e9"), utf8(" the"), utf8(" client"), utf8(" \u2014"),
    utf8(" \\\"ok\\\"")
  };

  private static final byte[] CHAT_PREFIX =
      ascii("data: {\"id\":\"chatcmpl-warm-up\",\"object\":\"chat.completion.chunk\",\"created\":0,"
          + "\"model\":\"warm-up\",");
  private static final byte[] TEXT_PREFIX =
      ascii("data: {\"id\":\"cmpl-warm-up\",\"object\":\"text_completion\",\"created\":0,\"model\":\"warm-up\",");
  private static final byte[] CHAT_ROLE =
      ascii("\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,"
          + "\"finish_reason\":null}]}\n\n");
  private static final byte[] CHAT_OPEN = ascii("\"choices\":[{\"index\":0,\"delta\":{\"content\":\"");
  private static final byte[] CHAT_CLOSE = ascii("\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
  private static final byte[] CHAT_CLOSE_LAST = ascii("\"},\"logprobs\":null,\"finish_reason\":\"length\"}]}\n\n");
  private static final byte[] TEXT_OPEN = ascii("\"choices\":[{\"index\":0,\"text\":\"");
  private static final byte[] TEXT_CLOSE = ascii("\",\"logprobs\":null,\"finish_reason\":null}]}\n\n");
  private static final byte[] TEXT_CLOSE_LAST = ascii("\",\"logprobs\":null,\"finish_reason\":\"length\"}]}\n\n");
  private static final byte[] USAGE_OPEN = ascii("\"choices\":[],\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS);
  private static final byte[] DONE = ascii("data: [DONE]\n\n");

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      refuse(ctx, HttpResponseStatus.BAD_REQUEST);
      return;
    }
    if (!HttpMethod.POST.equals(request.method())) {
      refuse(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED);
      return;
    }
    int query = request.uri().indexOf('?');
    String path = query < 0 ? request.uri() : request.uri().substring(0, query);
    stream(ctx, path.endsWith("/chat/completions"), maxTokens(request.content()));
  }

  private static void stream(ChannelHandlerContext ctx, boolean chat, int tokens) {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
        .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    ctx.writeAndFlush(head, ctx.voidPromise());
    byte[] prefix = chat ? CHAT_PREFIX : TEXT_PREFIX;
    if (chat) {
      send(ctx, prefix, CHAT_ROLE);
    }
    for (int i = 0; i < tokens; i++) {
      boolean last = i == tokens - 1;
      byte[] close = chat ? (last ? CHAT_CLOSE_LAST : CHAT_CLOSE) : (last ? TEXT_CLOSE_LAST : TEXT_CLOSE);
      send(ctx, prefix, chat ? CHAT_OPEN : TEXT_OPEN, TOKENS[i % TOKENS.length], close);
    }
    send(
        ctx,
        prefix,
        USAGE_OPEN,
        ascii(",\"completion_tokens\":" + tokens + ",\"total_tokens\":" + (PROMPT_TOKENS + tokens) + "}}\n\n"));
    send(ctx, DONE);
    // The keep-alive handler closes the connection after this if the request asked for it.
    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, ctx.voidPromise());
  }

  /** One SSE event as one HTTP chunk, flushed. */
  private static void send(ChannelHandlerContext ctx, byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    ByteBuf event = ctx.alloc().ioBuffer(length);
    for (byte[] part : parts) {
      event.writeBytes(part);
    }
    ctx.writeAndFlush(new DefaultHttpContent(event), ctx.voidPromise());
  }

  /**
   * The first {@code "max_tokens":<digits>} of the body, without parsing the JSON (the body is the client's own
   * request, written by Jackson); {@link #DEFAULT_TOKENS} when there is none, at least 1 and at most
   * {@link #MAX_TOKENS}.
   */
  static int maxTokens(ByteBuf body) {
    int at = ByteBufUtil.indexOf(Unpooled.wrappedBuffer(MAX_TOKENS_FIELD), body);
    if (at < 0) {
      return DEFAULT_TOKENS;
    }
    int i = at + MAX_TOKENS_FIELD.length;
    int end = body.writerIndex();
    while (i < end && (body.getByte(i) == ' ' || body.getByte(i) == ':')) {
      i++;
    }
    long value = 0;
    int digits = 0;
    for (; i < end && digits < 10; i++, digits++) {
      byte b = body.getByte(i);
      if (b < '0' || b > '9') {
        break;
      }
      value = value * 10 + (b - '0');
    }
    return digits == 0 ? DEFAULT_TOKENS : (int) Math.max(1, Math.min(MAX_TOKENS, value));
  }

  private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    // Not what a warm-up sends: do not keep the connection of whoever sent it.
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A client gone mid-stream (e.g. a warm-up cut by its budget): nothing to report, the warm-up counts failures.
    ctx.close();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
