package io.github.gatlingllm.protocol;

import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.report.PeriodicOutput;
import io.github.gatlingllm.report.RunOrigin;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulation's {@link PeriodicOutput}s, each called at its own period by the statistics thread with the requests
 * finished since its previous call (so memory holds one period's records at most, never the run's).
 */
final class PeriodicOutputs {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicOutputs.class);

  private final List<Scheduled> outputs = new ArrayList<>();
  private final RunOrigin origin;

  /** One output, its next due time and the records it has not seen yet. */
  private static final class Scheduled {
    final PeriodicOutput output;
    final long periodNanos;
    long dueNanos;
    List<RequestRecord> unseen = new ArrayList<>();

    Scheduled(ScheduledOutput s, long startNanos) {
      this.output = s.output();
      this.periodNanos = s.period().toNanos();
      this.dueNanos = startNanos + periodNanos;
    }
  }

  PeriodicOutputs(List<ScheduledOutput> scheduled, long startNanos, RunOrigin origin) {
    for (ScheduledOutput s : scheduled) {
      outputs.add(new Scheduled(s, startNanos));
    }
    this.origin = origin;
  }

  boolean isEmpty() {
    return outputs.isEmpty();
  }

  /** A request finished: kept for each output's next call. */
  void add(RequestRecord record) {
    for (Scheduled s : outputs) {
      s.unseen.add(record);
    }
  }

  /** Calls every output that is due, with what it has not seen; a failing output runs again next period. */
  void tickDue(long nowNanos, long inFlight) {
    for (Scheduled s : outputs) {
      if (nowNanos - s.dueNanos < 0) {
        continue;
      }
      s.dueNanos += s.periodNanos * Math.max(1, (nowNanos - s.dueNanos) / s.periodNanos + 1);
      List<RequestRecord> records = s.unseen;
      s.unseen = new ArrayList<>();
      try {
        s.output.tick(new PeriodicOutput.Snapshot(List.copyOf(records), inFlight, nowNanos, origin));
      } catch (RuntimeException e) {
        LOG.warn("A periodic output failed; it runs again next period", e); // never worth failing the run for
      }
    }
  }
}
