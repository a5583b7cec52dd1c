package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.RequestRecord;
import java.util.List;

/**
 * Something a simulation prints (or saves) every so often while the run goes, registered on the protocol
 * ({@code LlmProtocolBuilder.periodicOutput}), e.g. another tool's periodic summary lines. Called on a daemon thread
 * of its own, never on an event loop; an exception is logged and the next period still runs.
 */
@FunctionalInterface
public interface PeriodicOutput {

  /**
   * One period.
   *
   * @param now what the run looks like at this instant
   */
  void tick(Snapshot now);

  /**
   * The run at one instant.
   *
   * @param records the measured requests finished since this output's previous call (since the start for the first),
   *     in finishing order: a run keeps no request, so an output keeps what it needs of them
   * @param inFlight measured requests started and not finished
   * @param nowNanos {@link System#nanoTime()} of the instant
   * @param origin the run's time origin (places nanoTime readings in wall-clock time)
   */
  record Snapshot(List<RequestRecord> records, long inFlight, long nowNanos, RunOrigin origin) {

    /** Wall-clock seconds since 1970 of a nanoTime reading of this run. */
    public double epochSeconds(long nanos) {
      return origin.epochSeconds(nanos);
    }
  }
}
