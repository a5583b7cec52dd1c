package io.github.gatlingllm.mock;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First handler of a connection: notes when each socket read started, before any HTTP decoding. The request handler
 * runs inside the read that completed its request, so this is when the request's last bytes arrived: the server's
 * TTFT counts from there, as a real server's would, and the mock's own decoding time (large while its JIT is cold)
 * stays inside the TTFT it promises instead of being added to it. One {@code nanoTime} per read, as on the client.
 */
final class ReadStamp extends ChannelInboundHandlerAdapter {
  private long readNanos = System.nanoTime();

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    readNanos = System.nanoTime();
    ctx.fireChannelRead(msg);
  }

  /** The start of the read being handled on {@code channel}'s event loop (now, if the channel has no stamp). */
  static long of(Channel channel) {
    ReadStamp stamp = channel.pipeline().get(ReadStamp.class);
    return stamp != null ? stamp.readNanos : System.nanoTime();
  }
}
