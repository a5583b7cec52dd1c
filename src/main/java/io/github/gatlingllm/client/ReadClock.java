package io.github.gatlingllm.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First handler of a connection's pipeline: stamps each socket read once, before TLS and HTTP decoding split it into
 * several messages, so every SSE event decoded from one read shares the read's time (the truth for a batched read).
 * The stamp is the start of the event loop's I/O pass ({@link IoPassClock}), not the moment this connection's turn
 * came within it.
 *
 * <p>It also remembers whether any byte arrived since the current request was sent, which tells a stale keep-alive
 * connection (closed by the server before answering: safe to retry) from a response cut mid-way (not retried).
 *
 * <p>Confined to the connection's event loop; plain fields.
 */
final class ReadClock extends ChannelInboundHandlerAdapter {
  private final IoPassClock passClock;
  private long lastReadNanos = System.nanoTime();
  private boolean readSinceSend;

  ReadClock(IoPassClock passClock) {
    this.passClock = passClock;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    lastReadNanos = passClock.readStamp();
    readSinceSend = true;
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    // A close-delimited body ends here: the codec emits its last content from this call, stamped with the close.
    lastReadNanos = System.nanoTime();
    super.channelInactive(ctx);
  }

  /** The time of the read (or close) being processed. */
  long nanos() {
    return lastReadNanos;
  }

  void requestSent() {
    readSinceSend = false;
    passClock.requestSent(); // its answer must not be stamped with a pass that began before this send
  }

  boolean readSinceSend() {
    return readSinceSend;
  }
}
