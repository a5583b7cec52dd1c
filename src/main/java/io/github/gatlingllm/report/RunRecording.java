package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.LoggedTimings;
import io.github.gatlingllm.metrics.MetricSamples;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.RunSpan;
import io.github.gatlingllm.metrics.RunStatistics;
import io.github.gatlingllm.metrics.SampleBudget;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.metrics.TokenCounts;
import io.github.gatlingllm.report.chart.PromptLengthScatter;
import io.github.gatlingllm.report.chart.ScenarioBreakdown;
import io.github.gatlingllm.report.chart.TimelineRecorder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the end of a run is made from, gathered one finished request at a time, so that no request has to be
 * kept: the run's {@link RunStatistics}, one per scenario (the steps of a sweep), the time series of the charts, the
 * prompt-length scatter's sample, TTFT by conversation round, LLM-on-Ray's mean latency per token, and the values of
 * Gatling's timing group records per request (for the rows added to Gatling's own table). Memory is
 * bounded by the raw-value budget all its statistics share (the Gatling rows have a small one of their own) and the
 * charts' fixed sizes, whatever the number of requests or scenarios.
 *
 * <p>Single writer: one thread adds and advances; the end-of-run outputs read it once adding is over.
 */
public final class RunRecording {
  private final SummaryOptions options;
  private final int exactLimit;
  private final SampleBudget budget;
  private final RunStatistics total;
  private final Map<String, RunStatistics> byScenario = new LinkedHashMap<>();
  private final TimelineRecorder timeline;
  private final PromptLengthScatter.Sampler scatter = new PromptLengthScatter.Sampler();
  private final RoundTtfts.Recorder rounds = new RoundTtfts.Recorder();
  private final GatlingTimingStats gatlingTimings;
  private double latencyPerTokenSumMs;
  private long latencyPerTokenCount;

  /**
   * @param timelineOrigin {@link System#nanoTime()} before any request of the run starts: the charts' buckets count
   *     from it
   * @param exactLimit raw values kept per metric (see {@code MetricSamples})
   * @param budget raw values kept by all the run's metrics together
   */
  public RunRecording(SummaryOptions options, long timelineOrigin, int exactLimit, SampleBudget budget) {
    this(options, timelineOrigin, exactLimit, budget, LoggedTimings.NONE);
  }

  /**
   * As {@link #RunRecording(SummaryOptions, long, int, SampleBudget)}, also gathering the values of the timing group
   * records {@code loggedTimings} says each request gave Gatling ({@link #gatlingTimings()}).
   */
  public RunRecording(
      SummaryOptions options, long timelineOrigin, int exactLimit, SampleBudget budget, LoggedTimings loggedTimings) {
    this.gatlingTimings = new GatlingTimingStats(loggedTimings, exactLimit);
    this.options = options;
    this.exactLimit = exactLimit;
    this.budget = budget;
    this.total = new RunStatistics(options, exactLimit, budget);
    this.timeline = new TimelineRecorder(timelineOrigin);
  }

  /** The recording of a finished list of requests (tests, recomputations): everything settled. */
  public static RunRecording of(List<RequestRecord> records, SummaryOptions options) {
    RunSpan span = RunSpan.of(records);
    RunRecording recording =
        new RunRecording(
            options, span.isEmpty() ? 0 : span.startNanos(), MetricSamples.DEFAULT_EXACT_LIMIT,
            SampleBudget.unlimited());
    records.forEach(recording::add);
    recording.advance(Long.MAX_VALUE);
    return recording;
  }

  public void add(RequestRecord r) {
    total.add(r);
    byScenario.computeIfAbsent(r.scenario(), k -> new RunStatistics(options, exactLimit, budget)).add(r);
    timeline.add(r);
    scatter.add(r);
    rounds.add(r);
    gatlingTimings.add(r);
    int out = TokenCounts.outputTokens(r);
    if (r.success() && out > 0) {
      latencyPerTokenSumMs += r.e2elNanos() / 1e6 / out;
      latencyPerTokenCount++;
    }
  }

  /** Settles what no later request can change: none added later was sent before {@code watermark}. */
  public void advance(long watermark) {
    total.advance(watermark);
    for (RunStatistics s : byScenario.values()) {
      s.advance(watermark);
    }
    timeline.advance(watermark);
  }

  public SummaryOptions options() {
    return options;
  }

  public RunStatistics statistics() {
    return total;
  }

  public BenchmarkSummary summary(RunDescription run) {
    return total.summary(run);
  }

  /**
   * Each scenario's own summary with {@code opts}, and when it ran, in the order the scenarios started (a sweep's
   * order).
   */
  public List<ScenarioBreakdown.Row> scenarios(RunDescription run, SummaryOptions opts) {
    List<ScenarioBreakdown.Row> rows = new ArrayList<>();
    byScenario.forEach((name, s) -> rows.add(new ScenarioBreakdown.Row(name, s.summary(run, opts), s.span())));
    rows.sort(ScenarioBreakdown.BY_START);
    return rows;
  }

  /** One scenario's own summary, with its own description and options; empty when it recorded no request. */
  public Optional<BenchmarkSummary> scenario(String name, RunDescription run, SummaryOptions opts) {
    RunStatistics s = byScenario.get(name);
    return s == null ? Optional.empty() : Optional.of(s.summary(run, opts));
  }

  public int scenarioCount() {
    return byScenario.size();
  }

  public TimelineRecorder timeline() {
    return timeline;
  }

  public PromptLengthScatter scatter() {
    return scatter.scatter();
  }

  /** The values of Gatling's TTFT, TPOT and ITL group records, per request path (none for a recomputed run). */
  public GatlingTimingStats gatlingTimings() {
    return gatlingTimings;
  }

  public RoundTtfts rounds() {
    return rounds.done();
  }

  /**
   * LLM-on-Ray's "average latency per token": each successful request's E2EL divided by its output tokens, averaged
   * over the requests that produced any; 0 when none did.
   */
  public double meanLatencyPerOutputTokenMs() {
    return latencyPerTokenCount == 0 ? 0 : latencyPerTokenSumMs / latencyPerTokenCount;
  }
}
