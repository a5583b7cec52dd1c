package io.github.gatlingllm.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window, the cap and the speed-up of a replay, and its schedule. */
class TraceLoaderTest {
  private static final WordTestTokenizer WORDS = new WordTestTokenizer();
  private static final TraceLoader MOONCAKE =
      TraceLoader.of("datasets/traces/mooncake-sample.jsonl", TraceFileTest.MOONCAKE, TraceFormat.MOONCAKE, 256);

  @Test
  void theWholeTraceAtItsPaceIsItsOffsetsInSeconds() {
    TraceDataset dataset = MOONCAKE.load(TraceWindow.all(), WORDS, 512, 0);
    TraceSchedule schedule = dataset.schedule();
    assertEquals("mooncake-sample.jsonl", schedule.name());
    assertEquals("mooncake", schedule.format());
    assertEquals(1.0, schedule.speedup());
    assertEquals(60, schedule.size());
    assertEquals(60, dataset.requests().size());
    assertEquals(0.0, schedule.offsetSeconds(0));
    assertEquals(0.733, schedule.offsetSeconds(1), 1e-12);
    assertEquals(22.404, schedule.spanSeconds(), 1e-12);
    assertNonDecreasing(schedule.offsetsSeconds());
    assertEquals(1024, dataset.requests().get(0).promptTokens());
    assertTrue(dataset.report().startsWith("trace mooncake-sample.jsonl (mooncake): 60 of 60 requests"),
        dataset.report());
    assertTrue(dataset.report().contains("57 of 179 blocks of 512 tokens"), dataset.report());
  }

  @Test
  void aWindowStartsItsOffsetsAtItsStartAndTheSpeedUpDividesThem() {
    TraceWindow window = new TraceWindow(Duration.ofSeconds(5), Duration.ofSeconds(10), 0, 2.0);
    TraceDataset dataset = MOONCAKE.load(window, WORDS, 512, 0);
    double[] offsets = dataset.schedule().offsetsSeconds();
    assertEquals(32, offsets.length);
    assertEquals((5.111 - 5) / 2, offsets[0], 1e-12);
    assertEquals((14.232 - 5) / 2, offsets[31], 1e-12);
    assertNonDecreasing(offsets);
    assertEquals(2.0, dataset.schedule().speedup());
    List<TraceEntry> entries = MOONCAKE.entries(window);
    assertEquals(32, entries.size());
    assertEquals(111, entries.get(0).offsetMs(), 1e-9);
    for (int i = 0; i < entries.size(); i++) {
      assertEquals(entries.get(i).inputLength(), dataset.requests().get(i).promptTokens());
    }
  }

  @Test
  void theCapKeepsTheEarliestRequestsOfTheWindow() {
    TraceDataset dataset =
        MOONCAKE.load(new TraceWindow(Duration.ofSeconds(5), Duration.ZERO, 3, 0.5), WORDS, 512, 0);
    assertArrayEquals(new double[] {0.222, 1.332, 1.4}, round(dataset.schedule().offsetsSeconds()));
  }

  @Test
  void anEmptyWindowIsRefusedWithTheTraceSpan() {
    String message =
        assertThrows(
                DatasetException.class,
                () -> MOONCAKE.load(new TraceWindow(Duration.ofMinutes(5), Duration.ZERO, 0, 1), WORDS, 512, 0))
            .getMessage();
    assertTrue(message.startsWith("mooncake-sample.jsonl: no request in the window (from 300.0 s to the end"), message);
    assertTrue(message.contains("60 requests over 22.404 s"), message);
  }

  @Test
  void badWindowsAreRefusedByName() {
    assertThrows(IllegalArgumentException.class, () -> new TraceWindow(Duration.ZERO, Duration.ZERO, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new TraceWindow(Duration.ZERO, Duration.ZERO, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> new TraceWindow(Duration.ofSeconds(-1), Duration.ZERO, 0, 1));
  }

  @Test
  void theScheduleRefusesDecreasingOffsets() {
    assertThrows(IllegalArgumentException.class, () -> new TraceSchedule("t", "jsonl", 1, new double[] {1, 0.5}));
  }

  private static void assertNonDecreasing(double[] offsets) {
    for (int i = 1; i < offsets.length; i++) {
      assertTrue(offsets[i] >= offsets[i - 1], "offset " + i);
    }
  }

  private static double[] round(double[] values) {
    double[] rounded = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      rounded[i] = Math.round(values[i] * 1000) / 1000.0;
    }
    return rounded;
  }
}
