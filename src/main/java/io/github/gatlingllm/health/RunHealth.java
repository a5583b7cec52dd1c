package io.github.gatlingllm.health;

import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.report.HtmlSummaryBlock;
import io.github.gatlingllm.report.RunExtension;
import io.github.gatlingllm.report.RunResults;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measurement health of one run, registered by every run (not by a load): watches the client during the load
 * ({@link HealthMonitor}), judges every request against the stalls ({@link FlaggedRequests}) on the statistics thread,
 * and reports {@code measurement_health} in {@code llm-summary.json}, one console line, and a chart in the HTML block.
 *
 * <p>Threads: {@link #onRecord} and {@link #advance} on the statistics thread; {@link #stopWatching} from the end of
 * the load; the outputs ({@link #summaryFacts} ...) once the statistics thread has read everything.
 */
public final class RunHealth implements RunExtension {
  /**
   * The default lag threshold: above the 1-4 ms a NIO loop's timer rounding and a busy loop's ordinary queueing cost,
   * and at the size of one ITL's error that a reader of a 20-50 ms ITL would not ignore.
   */
  public static final Duration DEFAULT_LAG_THRESHOLD = Duration.ofMillis(5);

  private final HealthMonitor monitor;
  private final FlaggedRequests flags = new FlaggedRequests();
  private final long thresholdNanos;
  private final long originNanos;
  private HealthReport report;

  private RunHealth(HealthMonitor monitor, long thresholdNanos, long originNanos) {
    this.monitor = monitor;
    this.thresholdNanos = thresholdNanos;
    this.originNanos = originNanos;
  }

  /**
   * Starts watching now.
   *
   * @param loops the event loops the requests run on (Gatling's)
   * @param lagThreshold a loop stall longer than this flags the requests it overlapped
   * @param originNanos the run's time origin, for the stall times reported (those of llm-requests.csv)
   */
  public static RunHealth start(Iterable<? extends EventExecutor> loops, Duration lagThreshold, long originNanos) {
    return new RunHealth(HealthMonitor.start(loops, requireThreshold(lagThreshold).toNanos()), lagThreshold.toNanos(),
        originNanos);
  }

  /** The threshold, or a message naming the value and what is expected. */
  public static Duration requireThreshold(Duration threshold) {
    if (threshold == null || threshold.isNegative() || threshold.isZero()) {
      throw new IllegalArgumentException(
          "The event-loop lag threshold of the measurement health must be a positive duration (e.g. 5 ms), got "
              + threshold);
    }
    return threshold;
  }

  @Override
  public void onRecord(RequestRecord record) {
    flags.add(record);
  }

  /**
   * Judges what can be judged now (statistics thread, after each read).
   *
   * @param earliestUnrecorded no request recorded later was sent before this ({@code Long.MAX_VALUE}: none will be)
   */
  public void advance(long earliestUnrecorded) {
    long known = monitor.knownUntil(System.nanoTime());
    monitor.drainStalls(flags::stall);
    flags.advance(known, earliestUnrecorded);
  }

  /** The load is over: stops the probes and the sampler (bounded; from the thread that ends the load). */
  public void stopWatching() {
    monitor.stop();
  }

  /** The figures, final once the statistics thread has read every request. */
  public synchronized HealthReport report() {
    if (report == null) {
      monitor.stop();
      monitor.drainStalls(flags::stall);
      flags.finish();
      HealthSampler s = monitor.sampler();
      GcPauses gc = monitor.gc();
      var lags = s.runLags();
      boolean any = lags.getTotalCount() > 0;
      report =
          new HealthReport(
              new HealthReport.Lag(monitor.loops(), lags.getTotalCount(), HealthMonitor.PROBE_PERIOD_NANOS,
                  any ? lags.getValueAtPercentile(50) : 0, any ? lags.getValueAtPercentile(99) : 0,
                  any ? lags.getMaxValue() : 0, flags.lagStalls()),
              new HealthReport.Gc(gc.pauses(), gc.pauseNanos(), gc.maxPauseNanos()),
              new HealthReport.Jit(s.jitMillisTotal(), s.earlyJitMillis()),
              new HealthReport.Cpu(s.cpuNanos(), s.wallNanos(), Runtime.getRuntime().availableProcessors(),
                  s.peakBusyCores()),
              new HealthReport.Flags(flags.judged(), flags.flagged(), flags.flaggedGc(), flags.flaggedLag(),
                  flags.judgedEarly(), flags.stallsEvicted()),
              thresholdNanos,
              flags.longest(),
              originNanos,
              s.timeline().buckets(),
              s.timeline().width() * HealthSampler.PERIOD_NANOS / 1e9);
    }
    return report;
  }

  @Override
  public Map<String, Object> summaryFacts() {
    HealthReport r = report();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put(HealthReport.KEY, r.json());
    facts.putAll(r.flatFacts());
    return facts;
  }

  @Override
  public List<String> consoleLines() {
    HealthReport r = report();
    return r.bottleneckSentence().map(s -> List.of(r.consoleLine(), s)).orElseGet(() -> List.of(r.consoleLine()));
  }

  @Override
  public List<HtmlSummaryBlock.Part> htmlParts() {
    HealthReport r = report();
    return List.of(summary -> HtmlHealthBlock.render(r));
  }

  @Override
  public void write(RunResults results) {
    // Everything is in llm-summary.json and the HTML block: no file of its own.
  }
}
