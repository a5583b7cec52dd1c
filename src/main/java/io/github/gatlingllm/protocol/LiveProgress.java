package io.github.gatlingllm.protocol;

import io.github.gatlingllm.metrics.Distribution;
import io.github.gatlingllm.metrics.MetricsRecorder;
import io.github.gatlingllm.metrics.RequestRecord;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One LLM line per Gatling console period while a run goes: requests done and in flight, failures, output tokens/s
 * over the last period, and TTFT p50/p99 so far. Computed on its own daemon thread from the finished records (never
 * on an event loop); each period only looks at the records that finished since the last one.
 */
final class LiveProgress {
  private final MetricsRecorder recorder;
  private final LongAdder started = new LongAdder();
  private final PrintStream out;
  private final ScheduledExecutorService timer;
  private int seen;
  private long failed;
  private double[] ttftsMs = new double[1024];
  private int ttftCount;
  private long lastTickNanos = System.nanoTime();

  LiveProgress(MetricsRecorder recorder, long periodMillis, PrintStream out) {
    this.recorder = recorder;
    this.out = out;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "gatling-llm-progress");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleAtFixedRate(this::print, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** A measured request started (warm-ups are not counted). Called from event loops: one adder increment. */
  void requestStarted() {
    started.increment();
  }

  void stop() {
    timer.shutdownNow();
  }

  private void print() {
    try {
      out.println(line(System.nanoTime()));
    } catch (RuntimeException e) {
      // a progress line is never worth failing a run for
    }
  }

  /** The line for now; also advances the period. */
  synchronized String line(long nowNanos) {
    List<RequestRecord> records = recorder.snapshot();
    long outputTokens = 0;
    for (int i = seen; i < records.size(); i++) {
      RequestRecord r = records.get(i);
      if (r.success()) {
        outputTokens += Math.max(0, r.outputTokens());
        addTtft(r.ttftNanos() / 1e6);
      } else {
        failed++;
      }
    }
    seen = records.size();
    double seconds = Math.max(1e-9, (nowNanos - lastTickNanos) / 1e9);
    lastTickNanos = nowNanos;
    long inFlight = Math.max(0, started.sum() - seen);
    double[] sorted = Arrays.copyOf(ttftsMs, ttftCount);
    Distribution ttft = Distribution.ofMillisOwned(sorted);
    return String.format(
        Locale.ROOT,
        "LLM: %d done (%d failed), %d in flight, %.1f output tok/s, TTFT p50 %.1f ms, p99 %.1f ms",
        seen,
        failed,
        inFlight,
        outputTokens / seconds,
        ttft.percentile(50),
        ttft.percentile(99));
  }

  private void addTtft(double ms) {
    if (ttftCount == ttftsMs.length) {
      ttftsMs = Arrays.copyOf(ttftsMs, ttftCount * 2);
    }
    ttftsMs[ttftCount++] = ms;
  }
}
