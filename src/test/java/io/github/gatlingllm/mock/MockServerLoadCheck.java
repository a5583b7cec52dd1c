package io.github.gatlingllm.mock;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Not a unit test: a reproducible load check of the mock server's timing. It opens {@code streams} connections at
 * once, each asking for {@code tokens} tokens with ignore_eos, counts the SSE events on the raw bytes (no HTTP or
 * JSON decoding, so that the client costs little) and reports TTFT, inter-event gaps, and the lateness of each
 * stream's last token against the ideal schedule {@code send + TTFT + (tokens - 1) * ITL}.
 *
 * <pre>
 * # server in its own JVM (2 event loops), then the check with one client event loop:
 * java -cp target/classes:$(cat cp.txt) io.github.gatlingllm.mock.MockServerMain --port=8000 --ttftMs=100 --itlMs=20
 * java -cp target/test-classes:target/classes:$(cat cp.txt) io.github.gatlingllm.mock.MockServerLoadCheck \
 *     8000 1000 200 100 20
 * </pre>
 *
 * Arguments: port streams tokens ttftMs itlMs [rounds, default 2] (ttftMs and itlMs are what the server was started
 * with). The first round warms the client JVM up; only later rounds measure the server.
 */
public final class MockServerLoadCheck {
  private static final byte[] MARK = "data: ".getBytes(StandardCharsets.US_ASCII);

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int streams = Integer.parseInt(args[1]);
    int tokens = Integer.parseInt(args[2]);
    double ttftMs = Double.parseDouble(args[3]);
    double itlMs = Double.parseDouble(args[4]);
    String body = "{\"model\":\"m\",\"prompt\":\"hello\",\"stream\":true,\"ignore_eos\":true,\"max_tokens\":" + tokens + "}";
    byte[] request = ("POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);

    int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 2;
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    for (int round = 1; round <= rounds; round++) {
      System.out.println("round " + round + (round == 1 && rounds > 1 ? " (warm-up of the client JVM)" : ""));
      run(group, epoll, port, streams, tokens, ttftMs, itlMs, request);
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  private static void run(EventLoopGroup group, boolean epoll, int port, int streams, int tokens, double ttftMs,
      double itlMs, byte[] request) throws InterruptedException {
    long[] ttfts = new long[streams];
    long[] gaps = new long[streams * (tokens - 1)];
    long[] lateness = new long[streams];
    CountDownLatch done = new CountDownLatch(streams);
    Bootstrap bootstrap = new Bootstrap().group(group)
        .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true);
    long start = System.nanoTime();
    for (int s = 0; s < streams; s++) {
      int index = s;
      bootstrap.handler(new Counter(index, tokens, ttfts, gaps, lateness, ttftMs, itlMs, done, request))
          .connect("127.0.0.1", port);
    }
    if (!done.await(10, TimeUnit.MINUTES)) {
      System.out.println("timed out with " + done.getCount() + " streams unfinished");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "%d streams x %d tokens in %.2f s (%s client): %.0f events/s%n", streams, tokens,
        seconds, epoll ? "epoll" : "nio", streams * (double) tokens / seconds);
    report("TTFT (ms)", ttfts);
    report("ITL (ms)", gaps);
    report("last token late vs ideal (ms)", lateness);
  }

  private static void report(String name, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%-32s p50 %8.2f  p90 %8.2f  p99 %8.2f  p99.9 %8.2f  max %8.2f%n", name,
        at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), at(sorted, 0.999), sorted[sorted.length - 1] / 1e6);
  }

  private static double at(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
  }

  /** Counts "data: " marks across reads; token events are the first {@code tokens} marks, [DONE] the last. */
  private static final class Counter extends ChannelInboundHandlerAdapter {
    private final int index;
    private final int tokens;
    private final long[] ttfts;
    private final long[] gaps;
    private final long[] lateness;
    private final long ttftNanos;
    private final long itlNanos;
    private final CountDownLatch done;
    private final byte[] request;
    private long sendNanos;
    private long lastNanos;
    private int matched;
    private int events;

    Counter(int index, int tokens, long[] ttfts, long[] gaps, long[] lateness, double ttftMs, double itlMs,
        CountDownLatch done, byte[] request) {
      this.index = index;
      this.tokens = tokens;
      this.ttfts = ttfts;
      this.gaps = gaps;
      this.lateness = lateness;
      this.ttftNanos = (long) (ttftMs * 1e6);
      this.itlNanos = (long) (itlMs * 1e6);
      this.done = done;
      this.request = request;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      sendNanos = System.nanoTime();
      ctx.writeAndFlush(Unpooled.wrappedBuffer(request));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      long now = System.nanoTime();
      ByteBuf buf = (ByteBuf) msg;
      try {
        for (int i = buf.readerIndex(); i < buf.writerIndex(); i++) {
          byte b = buf.getByte(i);
          matched = b == MARK[matched] ? matched + 1 : (b == MARK[0] ? 1 : 0);
          if (matched == MARK.length) {
            matched = 0;
            onEvent(ctx.channel(), now);
          }
        }
      } finally {
        buf.release();
      }
    }

    private void onEvent(Channel channel, long now) {
      if (events == 0) {
        ttfts[index] = now - sendNanos;
      } else if (events < tokens) {
        gaps[index * (tokens - 1) + events - 1] = now - lastNanos;
      }
      if (events == tokens - 1) {
        lateness[index] = now - (sendNanos + ttftNanos + (tokens - 1) * itlNanos);
      }
      lastNanos = now;
      if (++events == tokens + 1) {
        channel.close();
        done.countDown();
      }
    }
  }
}
