package io.github.gatlingllm.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.metrics.RequestRecord;
import io.netty.channel.DefaultEventLoopGroup;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The whole health on a real event loop that a task blocks: the stall is measured on the loop, a request in flight
 * across it is flagged once the stall is known, one before it is not, and the summary holds the nested object.
 */
class RunHealthTest {
  private static RequestRecord request(long send, long end) {
    RequestRecord r = new RequestRecord("r");
    r.intended(send);
    r.sent(send);
    r.ended(end);
    return r;
  }

  @Test
  void aBlockedLoopFlagsTheRequestAcrossItAndNotTheOneBefore() throws Exception {
    DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
    try {
      long origin = System.nanoTime();
      RunHealth health = RunHealth.start(loops, Duration.ofMillis(50), origin);
      Thread.sleep(50); // a few on-time probe runs first
      long before = System.nanoTime();
      CountDownLatch blocked = new CountDownLatch(1);
      loops.next().execute(() -> {
        try {
          Thread.sleep(150);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        blocked.countDown();
      });
      // ended before the health started: no loop stall can begin before the first probe's intended run
      health.onRecord(request(origin - 5_000_000, origin));
      assertTrue(blocked.await(30, TimeUnit.SECONDS));
      long after = System.nanoTime();
      health.onRecord(request(before, after)); // in flight across the stall
      health.advance(Long.MAX_VALUE);
      health.stopWatching();
      health.advance(Long.MAX_VALUE);
      HealthReport report = health.report();
      assertEquals(2, report.flags().judged());
      assertEquals(1, report.flags().lag(), report.json().toString());
      assertTrue(report.lag().maxNanos() >= TimeUnit.MILLISECONDS.toNanos(100), report.json().toString());
      Map<String, Object> facts = health.summaryFacts();
      assertTrue(facts.get(HealthReport.KEY) instanceof Map<?, ?>, facts.toString());
      assertEquals(1L, facts.get("health_flagged_lag"));
    } finally {
      loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }
  }

  @Test
  void aThresholdThatIsNotPositiveIsRefusedNamingTheValue() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> RunHealth.requireThreshold(Duration.ZERO));
    assertTrue(e.getMessage().contains("positive duration") && e.getMessage().contains("PT0S"), e.getMessage());
  }
}
