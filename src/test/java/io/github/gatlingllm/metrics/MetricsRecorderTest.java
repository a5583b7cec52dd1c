package io.github.gatlingllm.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MetricsRecorderTest {

  @Test
  void handsRecordsOverInRecordingOrderOnceAndKeepsNone() {
    MetricsRecorder recorder = new MetricsRecorder();
    RequestRecord a = new RequestRecord("a");
    RequestRecord b = new RequestRecord("b");
    recorder.record(a);
    recorder.record(b);
    List<RequestRecord> read = new ArrayList<>();
    assertEquals(2, recorder.drainTo(read::add));
    assertSame(a, read.get(0));
    assertSame(b, read.get(1));
    assertEquals(0, recorder.drainTo(read::add), "handed over once: nothing is kept");
    assertEquals(2, recorder.recorded());
  }

  @Test
  void collectsFromManyThreadsWithoutLossWhileAReaderDrains() throws InterruptedException {
    MetricsRecorder recorder = new MetricsRecorder();
    AtomicInteger heard = new AtomicInteger();
    recorder.addListener(r -> heard.incrementAndGet());
    int threads = 8;
    int perThread = 10_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < perThread; i++) {
          recorder.record(new RequestRecord("r"));
        }
      });
      w.start();
      workers.add(w);
    }
    Set<RequestRecord> read = new HashSet<>();
    start.countDown();
    boolean writing = true;
    while (writing) {
      writing = workers.stream().anyMatch(Thread::isAlive);
      recorder.drainTo(read::add); // concurrently with the writers
    }
    for (Thread w : workers) {
      w.join();
    }
    recorder.drainTo(read::add);
    assertEquals(threads * perThread, recorder.recorded());
    assertEquals(threads * perThread, read.size(), "every record read exactly once");
    assertEquals(threads * perThread, heard.get());
  }

  @Test
  void aFailingListenerDoesNotStopRecordingOrOtherListeners() {
    MetricsRecorder recorder = new MetricsRecorder();
    AtomicInteger heard = new AtomicInteger();
    recorder.addListener(r -> {
      throw new IllegalStateException("disk full");
    });
    recorder.addListener(r -> heard.incrementAndGet());
    recorder.record(new RequestRecord("x"));
    assertEquals(1, recorder.recorded());
    assertEquals(1, heard.get());
    assertEquals(1, recorder.listenerFailures());
    assertEquals(1, recorder.drainTo(r -> {}), "queued for the statistics all the same");
  }
}
