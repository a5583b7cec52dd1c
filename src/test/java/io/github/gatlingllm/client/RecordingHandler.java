package io.github.gatlingllm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link StreamHandler} that records every callback and checks the contract as it goes: the right thread, nothing
 * after the terminal callback, timestamps never going back.
 */
final class RecordingHandler implements StreamHandler {
  private final EventLoop loop;
  /** Callback names in order: send, start:200, event, end, failure:KIND. */
  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<String> data = new CopyOnWriteArrayList<>();
  final List<String> types = new CopyOnWriteArrayList<>();
  final List<String> ids = new CopyOnWriteArrayList<>();
  final List<Long> nanos = new CopyOnWriteArrayList<>();
  final List<String> violations = new CopyOnWriteArrayList<>();
  final CountDownLatch terminal = new CountDownLatch(1);
  final CountDownLatch firstEvent = new CountDownLatch(1);
  volatile ClientFailure failure;
  volatile int status;
  /** Return false from onEvent once this many events were seen (0 = never stop). */
  volatile int stopAfter;
  /** Runs inside onEnd, on the loop: for chaining the next request without a hop. */
  volatile Consumer<RecordingHandler> onEndAction;
  /** Record each event's data as its length only: for huge events, which the test must not keep. */
  volatile boolean lengthsOnly;
  /** The event object of the last onEvent: the connection's reused one. */
  volatile SseEvent lastEvent;
  private boolean ended;

  RecordingHandler(EventLoop loop) {
    this.loop = loop;
  }

  private void check(String call, long t) {
    if (!loop.inEventLoop()) {
      violations.add(call + " off the event loop on " + Thread.currentThread().getName());
    }
    if (ended) {
      violations.add(call + " after the terminal callback");
    }
    if (!nanos.isEmpty() && t - nanos.get(nanos.size() - 1) < 0) {
      violations.add(call + " timestamp went back");
    }
    nanos.add(t);
    calls.add(call);
  }

  @Override
  public void onSend(long sendNanos) {
    check("send", sendNanos);
  }

  @Override
  public void onResponseStart(int status, long readNanos) {
    this.status = status;
    check("start:" + status, readNanos);
  }

  @Override
  public boolean onEvent(SseEvent event, long readNanos) {
    check("event", readNanos);
    lastEvent = event;
    data.add(lengthsOnly ? event.dataLength() + " bytes" : event.dataAsString());
    types.add(String.valueOf(event.eventType()));
    ids.add(String.valueOf(event.id()));
    firstEvent.countDown();
    return stopAfter == 0 || data.size() < stopAfter;
  }

  @Override
  public void onEnd(long endNanos) {
    check("end", endNanos);
    ended = true;
    terminal.countDown();
    Consumer<RecordingHandler> action = onEndAction;
    if (action != null) {
      action.accept(this);
    }
  }

  @Override
  public void onFailure(ClientFailure failure, long failureNanos) {
    check("failure:" + failure.kind(), failureNanos);
    ended = true;
    this.failure = failure;
    terminal.countDown();
  }

  RecordingHandler await() throws InterruptedException {
    assertTrue(terminal.await(10, TimeUnit.SECONDS), "no terminal callback; calls so far: " + calls);
    return this;
  }

  /** Awaits the end and checks the exact callback sequence and contract. */
  void assertSucceeded(List<String> expectedData) throws InterruptedException {
    await();
    assertEquals(List.of(), violations);
    assertEquals(expectedData, data);
    List<String> expectedCalls = new ArrayList<>();
    expectedCalls.add("send");
    expectedCalls.add("start:200");
    expectedData.forEach(d -> expectedCalls.add("event"));
    expectedCalls.add("end");
    assertEquals(expectedCalls, calls);
  }

  void assertFailed(ClientFailure.Kind kind) throws InterruptedException {
    await();
    assertEquals(List.of(), violations);
    assertEquals(kind, failure.kind(), "failure: " + failure + "; calls: " + calls);
    assertEquals("failure:" + kind, calls.get(calls.size() - 1));
    assertEquals(1, calls.stream().filter(c -> c.startsWith("failure") || c.equals("end")).count());
  }
}
