package io.github.gatlingllm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The warm-up on event loops like Gatling's: every request of every loop streams through and none fails. */
class ClientWarmUpTest {

  @Test
  void everyLoopRunsWholeRoundsWithoutFailures() {
    EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    try {
      ClientWarmUp.Result result = ClientWarmUp.run(loops, NioSocketChannel::new);

      // rounds of 2 loops x 2 connections x 24 requests, at least one, every one whole
      assertTrue(result.rounds() >= 1, "rounds: " + result.rounds());
      assertEquals(96L * result.rounds(), result.requests());
      assertEquals(0, result.failures());
    } finally {
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void aCompilerThatNeverQuietsStopsAtTheBudgetAfterWholeRounds() {
    EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      long[] compiled = {0};
      // compiles 1 s more after every round: never quiet
      ClientWarmUp.QuietCompiler busy = new ClientWarmUp.QuietCompiler(() -> compiled[0] += 1000);
      ClientWarmUp.Result result = ClientWarmUp.run(loops, NioSocketChannel::new, busy, Duration.ofMillis(300));

      assertFalse(result.quiet());
      assertTrue(result.rounds() >= 1);
      assertEquals(1000L * result.rounds(), result.compileMillis());
    } finally {
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void quietMeansTwoRoundsInARowWithAlmostNoCompilation() {
    long[] compiled = {5_000};
    ClientWarmUp.QuietCompiler compiler = new ClientWarmUp.QuietCompiler(() -> compiled[0]);
    long round = TimeUnit.MILLISECONDS.toNanos(300); // allows 6 ms of compilation per round

    compiled[0] += 400;
    assertFalse(compiler.roundEnded(round));
    compiled[0] += 6;
    assertFalse(compiler.roundEnded(round)); // first quiet round
    compiled[0] += 7;
    assertFalse(compiler.roundEnded(round)); // busy again: the count starts over
    compiled[0] += 2;
    assertFalse(compiler.roundEnded(round));
    compiled[0] += 0;
    assertTrue(compiler.roundEnded(round));
    assertEquals(415, compiler.totalMillis());
  }

  @Test
  void aJvmThatCannotTellItsCompilationTimeWarmsOneRound() {
    ClientWarmUp.QuietCompiler unknown = new ClientWarmUp.QuietCompiler(() -> -1);

    assertTrue(unknown.roundEnded(1_000_000));
    assertEquals(-1, unknown.totalMillis());
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
