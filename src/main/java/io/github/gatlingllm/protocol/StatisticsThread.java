package io.github.gatlingllm.protocol;

import io.github.gatlingllm.metrics.MetricsRecorder;
import io.github.gatlingllm.metrics.RecordListener;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.report.RunRecording;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that reads the run's finished requests: every few tens of milliseconds it takes what the event loops
 * recorded, adds it to the {@link RunRecording} (and to the outputs that read requests themselves), settles what the
 * watermark allows, then prints the live line and calls the periodic outputs when they are due. Each record is let go
 * once read, so the run keeps no request; and the statistics have a single writer, so they need no lock and never
 * make an event loop wait.
 */
final class StatisticsThread {
  private static final Logger LOG = LoggerFactory.getLogger(StatisticsThread.class);
  /** How long the thread sleeps between two reads: also the most a live figure lags behind. */
  static final long READ_INTERVAL_MILLIS = 20;
  /** How long {@link #stop} waits for the last read (a stuck output must not hold the end of the run forever). */
  private static final long STOP_TIMEOUT_MILLIS = 60_000;

  private final MetricsRecorder recorder;
  private final InFlightRequests inFlight;
  private final RunRecording recording;
  private final List<RecordListener> readers;
  private final PeriodicOutputs periodic;
  private final LongSupplier started;
  private final LiveProgress progress;
  private final long progressPeriodNanos;
  private final PrintStream console;
  /** Told after each read the watermark it used ({@code Long.MAX_VALUE} after the last one). */
  private final LongConsumer afterRead;
  private long progressDueNanos;
  private final Thread thread;
  private volatile boolean stopping;

  /**
   * @param readers outputs that read every request themselves (on this thread, in recording order); a live list, read
   *     at each record (thread-safe for adding while the thread runs)
   * @param started measured requests started so far
   * @param progressPeriodMillis the live line's period (Gatling's console period); 0 for no line
   */
  StatisticsThread(
      MetricsRecorder recorder,
      InFlightRequests inFlight,
      RunRecording recording,
      List<RecordListener> readers,
      PeriodicOutputs periodic,
      LongSupplier started,
      long progressPeriodMillis,
      PrintStream console,
      LongConsumer afterRead) {
    this.recorder = recorder;
    this.inFlight = inFlight;
    this.recording = recording;
    this.readers = readers;
    this.periodic = periodic;
    this.started = started;
    long now = System.nanoTime();
    this.progress = progressPeriodMillis > 0 ? new LiveProgress(now) : null;
    this.progressPeriodNanos = TimeUnit.MILLISECONDS.toNanos(progressPeriodMillis);
    this.progressDueNanos = now + progressPeriodNanos;
    this.console = console;
    this.afterRead = afterRead;
    this.thread = new Thread(this::loop, "gatling-llm-statistics");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /**
   * Reads what is left and settles everything: afterwards the recording is complete. Called once the load is over
   * (every request recorded or cancelled), or by the JVM's shutdown.
   */
  void stop() {
    stopping = true;
    LockSupport.unpark(thread);
    try {
      thread.join(STOP_TIMEOUT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.error("The statistics thread did not finish within {} ms; the summary may miss requests", STOP_TIMEOUT_MILLIS);
    }
  }

  private void loop() {
    while (!stopping) {
      read(System.nanoTime());
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(READ_INTERVAL_MILLIS));
    }
    read(System.nanoTime());
    recording.advance(Long.MAX_VALUE);
    try {
      afterRead.accept(Long.MAX_VALUE);
    } catch (RuntimeException e) {
      LOG.error("Settling the last requests failed", e);
    }
  }

  private void read(long now) {
    try {
      // The watermark first: whatever is recorded after this read started no earlier than it.
      long watermark = inFlight.watermark(now);
      recorder.drainTo(this::add);
      recording.advance(watermark);
      afterRead.accept(watermark);
      if (progress != null && now - progressDueNanos >= 0 && !stopping) {
        progressDueNanos = now + progressPeriodNanos;
        console.println(progress.line(recording.statistics(), started.getAsLong(), now));
      }
      if (!periodic.isEmpty() && !stopping) {
        periodic.tickDue(now, Math.max(0, started.getAsLong() - recorder.recorded()));
      }
    } catch (RuntimeException e) {
      LOG.error("Reading the finished requests failed; the next read tries again", e);
    }
  }

  private void add(RequestRecord r) {
    recording.add(r);
    for (RecordListener reader : readers) {
      try {
        reader.onRecord(r);
      } catch (RuntimeException e) {
        LOG.warn("An output failed to read a request", e);
      }
    }
    periodic.add(r);
  }
}
