package io.github.gatlingllm.suite.conversation;

import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.suite.reports.MultiRoundQaBlock;
import io.github.gatlingllm.suite.reports.MultiRoundQaRow;
import io.github.gatlingllm.metrics.RecordListener;
import io.github.gatlingllm.report.PeriodicOutput;
import io.github.gatlingllm.report.RoundTtfts;
import io.github.gatlingllm.report.RunOrigin;
import io.github.gatlingllm.report.RunOutput;
import io.github.gatlingllm.report.RunResults;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The production stack's outputs for a multi-round QA run: its "Performance summary" block every
 * {@code logInterval} (over the requests finished since the last one) and at the end (over the whole load), plus
 * what the original leaves to its warnings (users that could not keep their schedule, histories trimmed) and TTFT
 * by round, which shows what a prefix cache gives later rounds. The end also saves {@code multi-round-qa.json}.
 */
public final class MultiRoundQaReport implements PeriodicOutput, RunOutput, RecordListener {
  public static final String JSON_FILE = "multi-round-qa.json";

  private final ConversationRun run;
  private final PrintStream out;
  private final boolean color;
  private double lastTickEpoch = Double.NaN;
  private long lastLateRequests;
  /** Every answered request's sums, kept as they finish (the run keeps no request): the end-of-run block. */
  private final MultiRoundQaBlock.Sums whole = new MultiRoundQaBlock.Sums();
  private long firstLaunchNanos = Long.MAX_VALUE;
  private long lastFinishNanos = Long.MIN_VALUE;
  /** The origin of the rows summed into {@link #whole}: their durations do not depend on it. */
  private final RunOrigin sumsOrigin = RunOrigin.now();

  /**
   * @param color the original's ANSI colours (for a terminal)
   */
  public MultiRoundQaReport(ConversationRun run, PrintStream out, boolean color) {
    this.run = run;
    this.out = out;
    this.color = color;
  }

  /** Prints to the console, in colour when it is a terminal. */
  public static MultiRoundQaReport toConsole(ConversationRun run) {
    return new MultiRoundQaReport(run, System.out, System.console() != null);
  }

  /** Each finished request, on the statistics thread (before any periodic call that covers it). */
  @Override
  public synchronized void onRecord(RequestRecord r) {
    if (!MultiRoundQaRow.accepts(r)) {
      return;
    }
    whole.add(MultiRoundQaRow.of(r, sumsOrigin));
    firstLaunchNanos = Math.min(firstLaunchNanos, r.sendNanos());
    lastFinishNanos = Math.max(lastFinishNanos, r.endNanos());
  }

  @Override
  public synchronized void tick(Snapshot now) {
    if (run.loadStartNanos() == Long.MIN_VALUE) {
      return; // no user yet
    }
    double nowEpoch = now.epochSeconds(now.nowNanos());
    double loadStart = now.epochSeconds(run.loadStartNanos());
    // The requests finished since the last period (the window only counts those).
    List<MultiRoundQaRow> rows = rows(now.records(), now.origin());
    double start = Double.isNaN(lastTickEpoch) ? loadStart : Math.max(loadStart, lastTickEpoch);
    lastTickEpoch = nowEpoch;
    if (lastFinishNanos == Long.MIN_VALUE) {
      return; // the original prints nothing before the first answer
    }
    double lastFinish = now.epochSeconds(lastFinishNanos);
    double end = Math.min(nowEpoch, lastFinish);
    StringBuilder text =
        new StringBuilder(
            MultiRoundQaBlock.window(rows, start, end, run.pending(), run.schedule().qps()).render(color));
    long late = run.lateRequests();
    if (late > lastLateRequests) {
      text.append(
          String.format(
              java.util.Locale.ROOT,
              "WARNING: %d request(s) in this period could not keep their user's schedule (QPS not met); %d user(s)"
                  + " so far%n",
              late - lastLateRequests,
              run.lateUsers()));
    }
    lastLateRequests = late;
    out.print(text);
    out.flush();
  }

  @Override
  public synchronized void write(RunResults results) throws IOException {
    RunOrigin origin = results.origin() != null ? results.origin() : sumsOrigin;
    if (whole.finishedCount() == 0) {
      out.println("Multi-round QA: no request was answered");
      return;
    }
    double lastFinish = origin.epochSeconds(lastFinishNanos);
    double start =
        run.loadStartNanos() == Long.MIN_VALUE
            ? origin.epochSeconds(firstLaunchNanos)
            : origin.epochSeconds(run.loadStartNanos());
    double end = Math.min(origin.epochSeconds(System.nanoTime()), lastFinish);
    // Over the whole load every answered request was launched and finished in [start, end]: the sums are the window.
    MultiRoundQaBlock block = whole.block(start, end, run.pending(), run.schedule().qps());
    RoundTtfts byRound = results.recording().rounds();
    StringBuilder text = new StringBuilder(block.render(color));
    text.append(schedule());
    text.append(byRound.render());
    out.print(text);
    out.flush();
    results.saveJson(JSON_FILE, json(block, byRound));
  }

  private String schedule() {
    return String.format(
        java.util.Locale.ROOT,
        "Schedule: %d user(s) could not keep their schedule (%d late request(s)); %d old round(s) trimmed from"
            + " histories to stay under maxInputLen%n",
        run.lateUsers(),
        run.lateRequests(),
        run.trimmedRounds());
  }

  private Map<String, Object> json(MultiRoundQaBlock block, RoundTtfts byRound) {
    ConversationSchedule schedule = run.schedule();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("num_users", schedule.numUsers());
    json.put("num_rounds", schedule.numRounds());
    json.put("qps", schedule.qps());
    json.put("user_gap_s", schedule.userGapSeconds());
    json.put("join_gap_s", schedule.joinGapSeconds());
    json.put("user_lag_s", run.userLagSeconds());
    json.put("max_input_len", run.maxInputLen());
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("processing_speed", block.processingSpeed());
    summary.put("requests_on_the_fly", block.pending());
    summary.put("input_tokens_per_second", block.inputTokensPerSecond());
    summary.put("output_tokens_per_second", block.outputTokensPerSecond());
    summary.put("average_generation_throughput_per_request", finiteOrNull(block.generationSpeedPerRequest()));
    summary.put("average_ttft_s", finiteOrNull(block.averageTtft()));
    summary.put("launched", block.launched());
    summary.put("finished", block.finished());
    summary.put("start_time", block.startTime());
    summary.put("end_time", block.endTime());
    json.put("summary", summary);
    json.put("late_requests", run.lateRequests());
    json.put("late_users", run.lateUsers());
    json.put("trimmed_rounds", run.trimmedRounds());
    json.put("ttft_by_round", byRound.json());
    return json;
  }

  private static Double finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static List<MultiRoundQaRow> rows(List<RequestRecord> records, RunOrigin origin) {
    List<MultiRoundQaRow> rows = new ArrayList<>();
    for (RequestRecord r : records) {
      if (MultiRoundQaRow.accepts(r)) {
        rows.add(MultiRoundQaRow.of(r, origin));
      }
    }
    return rows;
  }
}
