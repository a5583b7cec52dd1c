package io.github.gatlingllm.mock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SampleLogTest {

  @Test
  void growsKeepsOrderAndClears() {
    SampleLog log = new SampleLog();
    for (long i = 0; i < 1000; i++) {
      log.add(i * 3);
    }
    assertEquals(1000, log.size());
    long[] copy = new long[1002];
    log.copyTo(1000, copy, 2);
    for (int i = 0; i < 1000; i++) {
      assertEquals(i * 3L, copy[i + 2]);
    }
    log.clear();
    assertEquals(0, log.size());
    log.add(7);
    long[] one = new long[1];
    log.copyTo(log.size(), one, 0);
    assertArrayEquals(new long[] {7}, one);
  }

  @Test
  void aResetIsAppliedByTheWriterOnItsNextSample() {
    TruthRecorder recorder = new TruthRecorder();
    LoopTruth loop = recorder.forCurrentThread();
    loop.recordTtft(5_000_000, 1_000_000_000L);
    loop.recordItl(1_000_000);
    loop.recordItl(3_000_000);
    MockTruth before = recorder.snapshot();
    assertEquals(1, before.requests());
    assertEquals(2.0, before.itl().medianMs(), 1e-9);
    assertEquals(5.0, before.ttft().meanMs(), 1e-9);
    assertEquals(1_000_000_000L, before.meanFirstChunkNanoTime());
    recorder.reset();
    assertEquals(0, recorder.snapshot().itl().count(), "a stale loop's samples are not reported");
    loop.recordItl(4_000_000);
    MockTruth after = recorder.snapshot();
    assertEquals(0, after.requests());
    assertEquals(1, after.itl().count());
    assertEquals(4.0, after.itl().p99Ms(), 1e-9);
    assertEquals(0, after.meanFirstChunkNanoTime());
    loop.recordTtft(1_000_000, Long.MAX_VALUE - 10);
    loop.recordTtft(1_000_000, Long.MAX_VALUE - 30);
    assertEquals(Long.MAX_VALUE - 20, recorder.snapshot().meanFirstChunkNanoTime(), "no overflow near the limit");
  }
}
