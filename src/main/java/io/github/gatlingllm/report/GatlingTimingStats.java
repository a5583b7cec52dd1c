package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.Distribution;
import io.github.gatlingllm.metrics.LlmTiming;
import io.github.gatlingllm.metrics.LoggedTimings;
import io.github.gatlingllm.metrics.MetricSamples;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.SampleBudget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of the TTFT, TPOT and ITL group records Gatling got, per request path (the user's groups and the
 * request name), gathered one finished request at a time: what the rows added to Gatling's statistics table show,
 * since Gatling's open-source report does not list those groups itself. The values come from the same
 * {@link LoggedTimings} rule that wrote Gatling's records, in the same whole milliseconds.
 *
 * <p>Memory is bounded: one entry per request path (a simulation's request names and groups are few), each with a
 * {@link MetricSamples} per timing whose raw values share this table's own {@link #RAW_VALUES} budget (so Gatling's
 * table never takes room from the LLM summary's exact figures); past it the figures come from the histograms.
 *
 * <p>Single writer, like the {@link RunRecording} that holds it.
 */
public final class GatlingTimingStats {
  /** Raw values the table keeps for exact figures, all paths together: 8 MB at most. */
  static final long RAW_VALUES = 1_000_000;

  private final LoggedTimings rule;
  private final int exactLimit;
  private final SampleBudget budget = new SampleBudget(RAW_VALUES);
  private final Map<RequestPath, MetricSamples[]> byPath = new HashMap<>();

  /**
   * @param rule what each request gave Gatling's stats ({@link LoggedTimings#NONE}: nothing, the table stays empty)
   * @param exactLimit raw values kept per timing and path at most
   */
  public GatlingTimingStats(LoggedTimings rule, int exactLimit) {
    this.rule = rule;
    this.exactLimit = exactLimit;
  }

  /** Where a request sits in Gatling's statistics table. */
  public record RequestPath(List<String> groups, String requestName) {
    public RequestPath {
      groups = List.copyOf(groups);
    }
  }

  public void add(RequestRecord r) {
    MetricSamples[][] samples = new MetricSamples[1][]; // looked up once per request, on its first value
    rule.forEach(r, (timing, startNanos, millis) -> {
      if (samples[0] == null) {
        samples[0] = byPath.computeIfAbsent(
            new RequestPath(r.groups(), r.requestName()), k -> new MetricSamples[LlmTiming.values().length]);
      }
      MetricSamples[] timings = samples[0];
      int i = timing.ordinal();
      if (timings[i] == null) {
        timings[i] = new MetricSamples(exactLimit, budget);
      }
      timings[i].add(millis);
    });
  }

  /** Whether any request gave Gatling a timing (false for a recomputed run, which knows no rule). */
  public boolean isEmpty() {
    return byPath.isEmpty();
  }

  /**
   * The whole-millisecond values Gatling holds in the {@code timing} group beside requests at {@code path}; empty
   * when it holds none. Exact while the raw values are kept ({@link Distribution#exact()}).
   */
  public Distribution values(RequestPath path, LlmTiming timing) {
    MetricSamples[] timings = byPath.get(path);
    MetricSamples samples = timings == null ? null : timings[timing.ordinal()];
    return samples == null ? Distribution.empty() : samples.distribution();
  }
}
