package io.github.gatlingllm.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The sampler's arithmetic on fake clocks: lags of all loops pooled, CPU and JIT deltas, the early JIT apart. */
class HealthSamplerTest {
  private static final long MS = 1_000_000;
  private static final long S = 1_000 * MS;

  @Test
  void eachSampleAddsItsDeltasToTheTimelineAndTheTotals() {
    StallLog log = new StallLog();
    LoopLag a = new LoopLag(10 * MS, 5 * MS, log, 0);
    LoopLag b = new LoopLag(10 * MS, 5 * MS, log, 0);
    HealthSampler sampler = new HealthSampler(List.of(a, b), null, 0, 10 * S, 1_000);
    a.tick(10 * MS + 1 * MS);
    b.tick(10 * MS + 3 * MS);
    sampler.sample(S, 10 * S + S / 2, 1_400); // half a core, 400 ms of compiling
    sampler.sample(12 * S, 10 * S + S / 2 + 11 * S, 1_500); // 11 s at one core, 100 ms of compiling after 10 s
    assertEquals(2, sampler.runLags().getTotalCount());
    assertEquals(3 * MS, sampler.runLags().getMaxValue(), 3 * MS / 100.0);
    assertEquals(12 * S, sampler.wallNanos());
    assertEquals(11 * S + S / 2, sampler.cpuNanos());
    assertEquals(500, sampler.jitMillisTotal());
    assertEquals(500, sampler.earlyJitMillis(), "the second sample began within the first 10 s");
    assertEquals(1.0, sampler.peakBusyCores(), 1e-9);
    List<HealthTimeline.Bucket> buckets = sampler.timeline().buckets();
    assertEquals(2, buckets.size());
    assertEquals(new HealthTimeline.Bucket(0, S, buckets.get(0).lagP99Nanos(), buckets.get(0).lagMaxNanos(), 0, 400,
        S / 2), buckets.get(0));
    assertEquals(0, buckets.get(1).lagMaxNanos(), "no loop ran in the second sample");
  }

  @Test
  void unknownClocksGiveUnknownTotals() {
    HealthSampler sampler = new HealthSampler(List.of(), null, 0, -1, -1);
    sampler.sample(S, -1, -1);
    assertEquals(-1, sampler.cpuNanos());
    assertEquals(-1, sampler.jitMillisTotal());
  }
}
