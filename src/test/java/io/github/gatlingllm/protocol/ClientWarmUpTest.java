package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The warm-up on event loops like Gatling's: every request of every loop streams through and none fails. */
class ClientWarmUpTest {

  @Test
  void everyLoopRunsItsWholeBudgetWithoutFailures() {
    EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    try {
      ClientWarmUp.Result result = ClientWarmUp.run(loops, NioSocketChannel::new);

      // 2 loops x 2 connections x 24 requests
      assertEquals(96, result.requests());
      assertEquals(0, result.failures());
    } finally {
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void theLoopbackServerIsGoneAfterwards() throws InterruptedException {
    EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      ClientWarmUp.run(loops, NioSocketChannel::new);
      // run() returns once the streamer's loop has terminated; its thread leaves run() a moment later, hence the
      // join (generous: a guard against a thread that never stops, not a timing check).
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().startsWith("gatling-llm-warm-up")) {
          t.join(60_000);
          assertFalse(t.isAlive(), t.getName());
        }
      }
    } finally {
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
