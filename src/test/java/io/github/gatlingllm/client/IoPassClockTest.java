package io.github.gatlingllm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IoPassClockTest {

  @Test
  void readsOfOnePassShareItsStartAndTheNextPassGetsANewStamp() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      EventLoop loop = group.next();
      IoPassClock clock = new IoPassClock(loop);
      long[] stamps = new long[3];
      CompletableFuture<Void> firstPass = new CompletableFuture<>();
      loop.execute(
          () -> {
            stamps[0] = clock.readStamp();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2);
            while (System.nanoTime() < until) {
              Thread.onSpinWait(); // the loop reading other connections
            }
            stamps[1] = clock.readStamp();
            firstPass.complete(null);
          });
      firstPass.get(5, TimeUnit.SECONDS);
      // the pass ends with the loop's iteration (Netty runs its end after the iteration's tasks): once it has ended,
      // the next read starts a new pass
      while (loop.submit(clock::inPass).get(5, TimeUnit.SECONDS)) {
        Thread.sleep(1);
      }
      stamps[2] = loop.submit(clock::readStamp).get(5, TimeUnit.SECONDS);

      assertEquals(stamps[0], stamps[1], "one pass, one stamp");
      assertTrue(stamps[2] - stamps[0] >= TimeUnit.MILLISECONDS.toNanos(2), "a new pass, a new stamp");
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  @Test
  void aReadAfterASendIsNeverStampedBeforeTheSendEvenWhenThePassEndIsStillQueued() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      EventLoop loop = group.next();
      IoPassClock clock = new IoPassClock(loop);
      CompletableFuture<long[]> stamps = new CompletableFuture<>();
      loop.execute(
          () -> {
            long passStart = clock.readStamp(); // a pass begins; its end is queued behind this task
            long send = System.nanoTime();
            clock.requestSent(); // a task sends a request before the queued end of the pass has run
            long read = clock.readStamp(); // the next I/O, with the old pass's end still queued
            stamps.complete(new long[] {passStart, send, read});
          });
      long[] s = stamps.get(5, TimeUnit.SECONDS);
      assertTrue(s[2] >= s[1], "the answer's stamp is not before its send");
      assertTrue(s[2] > s[0] || s[1] == s[0], "a new stamp was taken");
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }
}
