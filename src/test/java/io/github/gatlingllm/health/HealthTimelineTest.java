package io.github.gatlingllm.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart's time series stays within its bucket budget however long the run, and merging loses no time. */
class HealthTimelineTest {
  private static final long S = 1_000_000_000L;

  private static HealthTimeline.Bucket sample(long i) {
    return new HealthTimeline.Bucket(i * S, S, i, i, 2, 3, S / 2);
  }

  @Test
  void aShortRunKeepsOneBucketPerSample() {
    HealthTimeline t = new HealthTimeline();
    for (int i = 0; i < 5; i++) {
      t.add(sample(i));
    }
    assertEquals(1, t.width());
    assertEquals(5, t.buckets().size());
    assertEquals(3 * S, t.buckets().get(3).startNanos());
  }

  @Test
  void aDayOfSamplesStaysBoundedWithDoublingWidthsAndSumsKept() {
    HealthTimeline t = new HealthTimeline();
    int samples = 86_400;
    for (int i = 0; i < samples; i++) {
      t.add(sample(i));
      assertTrue(t.buckets().size() <= HealthTimeline.MAX_BUCKETS, "bounded at every step");
    }
    List<HealthTimeline.Bucket> buckets = t.buckets();
    assertEquals(256, t.width(), "600 buckets of 1 s fill at 600 s; a day needs 256 s buckets");
    long wall = 0;
    long gc = 0;
    long jit = 0;
    long max = 0;
    for (int i = 0; i < buckets.size(); i++) {
      HealthTimeline.Bucket b = buckets.get(i);
      wall += b.wallNanos();
      gc += b.gcNanos();
      jit += b.jitMillis();
      max = Math.max(max, b.lagMaxNanos());
      if (i > 0) {
        assertTrue(b.startNanos() > buckets.get(i - 1).startNanos(), "in time order");
      }
    }
    assertEquals(samples * S, wall);
    assertEquals(2L * samples, gc);
    assertEquals(3L * samples, jit);
    assertEquals(samples - 1, max, "the largest lag survives every merge");
    assertEquals(0, buckets.get(0).startNanos());
  }

  @Test
  void mergingKeepsTheLargerP99AndAddsCpu() {
    HealthTimeline.Bucket a = new HealthTimeline.Bucket(0, S, 7, 9, 1, 1, S / 4);
    HealthTimeline.Bucket b = new HealthTimeline.Bucket(S, S, 3, 20, 1, 1, S);
    HealthTimeline.Bucket m = a.merge(b);
    assertEquals(new HealthTimeline.Bucket(0, 2 * S, 7, 20, 2, 2, S + S / 4), m);
  }
}
