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
  void keepsRecordingOrderAndSnapshotsAreCopies() {
    MetricsRecorder recorder = new MetricsRecorder();
    RequestRecord a = new RequestRecord("a");
    RequestRecord b = new RequestRecord("b");
    recorder.record(a);
    List<RequestRecord> first = recorder.snapshot();
    recorder.record(b);
    assertEquals(List.of(a), first);
    assertSame(a, recorder.snapshot().get(0));
    assertSame(b, recorder.snapshot().get(1));
    assertEquals(2, recorder.size());
  }

  @Test
  void collectsFromManyThreadsWithoutLoss() throws InterruptedException {
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
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    assertEquals(threads * perThread, recorder.size());
    List<RequestRecord> snapshot = recorder.snapshot();
    assertEquals(threads * perThread, snapshot.size());
    Set<RequestRecord> distinct = new HashSet<>(snapshot);
    assertEquals(threads * perThread, distinct.size());
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
    assertEquals(1, recorder.size());
    assertEquals(1, heard.get());
    assertEquals(1, recorder.listenerFailures());
  }
}
