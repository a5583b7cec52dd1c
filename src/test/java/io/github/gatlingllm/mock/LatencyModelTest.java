package io.github.gatlingllm.mock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The latency formulas without a socket: exact, so they hold on any machine. */
class LatencyModelTest {
  private static final long MS = 1_000_000L;

  @Test
  void jitterStaysWithinItsBoundsAndIsReproducibleFromTheSeed() {
    LatencyModel model = new LatencyModel(MockConfig.builder().itlMs(10).itlJitterMs(8).build().latency());
    long[] first = draws(model, new SplittableRandom(3), 2_000);
    long[] again = draws(model, new SplittableRandom(3), 2_000);
    long[] otherSeed = draws(model, new SplittableRandom(4), 2_000);
    assertArrayEquals(first, again);
    assertFalse(Arrays.equals(first, otherSeed));
    long min = Arrays.stream(first).min().orElseThrow();
    long max = Arrays.stream(first).max().orElseThrow();
    assertTrue(min >= 2 * MS && max <= 18 * MS, min + ".." + max);
    // 2,000 uniform draws cover most of the 16 ms range and centre on the configured ITL
    assertTrue(max - min > 15 * MS, "spread " + (max - min));
    double mean = Arrays.stream(first).average().orElseThrow();
    assertEquals(10 * MS, mean, 0.5 * MS);
  }

  @Test
  void withoutJitterNoRandomNumberIsDrawn() {
    LatencyModel model = new LatencyModel(MockConfig.builder().itlMs(10).build().latency());
    SplittableRandom used = new SplittableRandom(7);
    assertEquals(10 * MS, model.itlNanos(1, used));
    assertEquals(new SplittableRandom(7).nextLong(), used.nextLong());
  }

  @Test
  void ttftAddsPromptAndImageCostsAndItlGrowsWithStreams() {
    LatencyModel model =
        new LatencyModel(
            MockConfig.builder().ttftMs(20).ttftPerPromptTokenMs(0.5).ttftPerImageMs(3).itlMs(5)
                .itlPerActiveStreamMs(0.25).build().latency());
    assertEquals(20 * MS + 50 * MS + 6 * MS, model.ttftNanos(100, 2));
    // 5 ms + 0.25 ms for each of 4 streams
    assertEquals(6 * MS, model.itlNanos(4, new SplittableRandom(1)));
  }

  @Test
  void aNegativeDrawIsClampedToZero() {
    LatencyModel model = new LatencyModel(MockConfig.builder().itlMs(1).itlJitterMs(5).build().latency());
    long[] draws = draws(model, new SplittableRandom(11), 500);
    assertTrue(Arrays.stream(draws).allMatch(d -> d >= 0));
    assertTrue(Arrays.stream(draws).anyMatch(d -> d == 0));
  }

  private static long[] draws(LatencyModel model, SplittableRandom random, int n) {
    long[] draws = new long[n];
    for (int i = 0; i < n; i++) {
      draws[i] = model.itlNanos(1, random);
    }
    return draws;
  }
}
