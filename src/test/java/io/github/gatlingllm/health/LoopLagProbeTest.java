package io.github.gatlingllm.health;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The probe on a real loop: its first run is intended one period after it was scheduled. */
class LoopLagProbeTest {
  private static final long MS = 1_000_000;

  @Test
  void theTimeBeforeTheProbeStartsIsNotItsFirstLag() throws Exception {
    DefaultEventLoop loop = new DefaultEventLoop();
    StallLog log = new StallLog();
    // The lag was built a whole second before its probe starts (the monitor's start doing other work in between).
    LoopLag lag = new LoopLag(10 * MS, 5 * MS, log, System.nanoTime() - TimeUnit.SECONDS.toNanos(1));
    LoopLagProbe probe = new LoopLagProbe(loop, lag);
    try {
      long started = System.nanoTime();
      probe.start(10 * MS);
      for (int i = 0; i < 1_000 && lag.knownUntil() - (started + 10 * MS) <= 0; i++) {
        Thread.sleep(5); // patience for the first run, not a bound on anything measured
      }
      probe.stop();
      assertTrue(lag.knownUntil() - (started + 10 * MS) > 0, "the probe never ran");
      List<Stall> stalls = new ArrayList<>();
      log.drainTo(stalls::add);
      // A stall can only begin at an intended run, and none was intended before the probe started.
      assertTrue(stalls.stream().allMatch(s -> s.startNanos() - started >= 0), stalls + " began before " + started);
    } finally {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
