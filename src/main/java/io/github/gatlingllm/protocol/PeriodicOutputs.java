package io.github.gatlingllm.protocol;

import io.github.gatlingllm.metrics.MetricsRecorder;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.report.PeriodicOutput;
import io.github.gatlingllm.report.RunOrigin;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a simulation's {@link PeriodicOutput}s on one daemon thread while the load goes (never on an event loop). */
final class PeriodicOutputs {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicOutputs.class);

  private final ScheduledExecutorService timer;

  private PeriodicOutputs(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /**
   * Starts calling every output at its period, or returns null when there is none.
   *
   * @param started measured requests started so far (with the records finished, gives the requests in flight)
   */
  static PeriodicOutputs start(
      List<ScheduledOutput> outputs, MetricsRecorder recorder, LongSupplier started, RunOrigin origin) {
    if (outputs.isEmpty()) {
      return null;
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "gatling-llm-periodic");
              thread.setDaemon(true);
              return thread;
            });
    for (ScheduledOutput scheduled : outputs) {
      long periodNanos = scheduled.period().toNanos();
      timer.scheduleAtFixedRate(
          () -> tick(scheduled.output(), recorder, started, origin), periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }
    return new PeriodicOutputs(timer);
  }

  private static void tick(PeriodicOutput output, MetricsRecorder recorder, LongSupplier started, RunOrigin origin) {
    try {
      List<RequestRecord> records = recorder.snapshot();
      long inFlight = Math.max(0, started.getAsLong() - records.size());
      output.tick(new PeriodicOutput.Snapshot(records, inFlight, System.nanoTime(), origin));
    } catch (RuntimeException e) {
      LOG.warn("A periodic output failed; it runs again next period", e); // never worth failing the run for
    }
  }

  void stop() {
    timer.shutdownNow();
  }
}
