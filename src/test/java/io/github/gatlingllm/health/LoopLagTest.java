package io.github.gatlingllm.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The lag of one loop on a fake clock: how late each run is, and one sample per stall, not a catch-up burst. */
class LoopLagTest {
  private static final long MS = 1_000_000;
  private final StallLog log = new StallLog();

  private List<Stall> stalls() {
    List<Stall> out = new ArrayList<>();
    log.drainTo(out::add);
    return out;
  }

  @Test
  void onTimeRunsRecordTheirSmallLagAndPublishNoStall() {
    LoopLag lag = new LoopLag(10 * MS, 5 * MS, log, 0);
    assertEquals(10 * MS, lag.tick(10 * MS + 200_000)); // 0.2 ms late
    lag.tick(20 * MS + 200_000 + 1 * MS); // intended 20.2 ms, ran 1 ms late
    Histogram h = lag.intervalLags();
    assertEquals(2, h.getTotalCount());
    assertEquals(1 * MS, h.getMaxValue(), MS / 100.0); // within the 2 digits' 1 %
    assertEquals(List.of(), stalls());
  }

  @Test
  void aStallIsOneLongSampleWhoseIntervalIsKnownAndTheNextRunDoesNotCatchUp() {
    LoopLag lag = new LoopLag(10 * MS, 5 * MS, log, 0);
    lag.tick(10 * MS);
    // the loop is blocked from 12 ms to 212 ms: the run intended at 20 ms runs at 212 ms
    assertEquals(20 * MS, lag.knownUntil(), "while blocked, nothing is known past the intended run");
    lag.tick(212 * MS);
    assertEquals(List.of(new Stall(Stall.Cause.LAG, 20 * MS, 212 * MS)), stalls());
    assertEquals(222 * MS, lag.knownUntil());
    lag.tick(222 * MS); // next intended is 10 ms after the late run, not 30 ms: no burst of catch-up runs
    Histogram h = lag.intervalLags();
    assertEquals(3, h.getTotalCount());
    assertEquals(192 * MS, h.getMaxValue(), 192 * MS / 100.0);
    assertEquals(0, lag.intervalLags().getTotalCount(), "each interval starts afresh");
  }

  @Test
  void aLagAtTheThresholdIsNotAStall() {
    LoopLag lag = new LoopLag(10 * MS, 5 * MS, log, 0);
    lag.tick(15 * MS); // exactly 5 ms late
    assertEquals(List.of(), stalls());
    lag.tick(30 * MS + 1); // intended at 25 ms, 5 ms + 1 ns late
    assertEquals(List.of(new Stall(Stall.Cause.LAG, 25 * MS, 30 * MS + 1)), stalls());
  }
}
