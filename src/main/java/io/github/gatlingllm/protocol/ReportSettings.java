package io.github.gatlingllm.protocol;

import io.github.gatlingllm.dataset.TextTokenizer;
import io.github.gatlingllm.metrics.GoodputSlo;
import io.github.gatlingllm.report.RequestFileFormat;
import io.github.gatlingllm.report.RunOutput;
import io.github.gatlingllm.report.SummaryCheck;
import java.util.List;

/**
 * What the end-of-run LLM summary needs beyond the measurements: labels and what to compute. The load's description
 * comes from the load itself ({@code LlmLoad}), never from here.
 *
 * @param label free text shown as {@code label} in the result JSON, or null
 * @param percentiles percentiles to report for every latency metric (e.g. 99, 99.9)
 * @param goodput the goodput SLOs, parsed once where they were given, or null
 * @param tokenizerId the tokenizer used for counting, reported as {@code tokenizer_id}, or null
 * @param percentileMetrics the latency metrics reported ({@code ttft, tpot, itl, e2el}; vLLM's
 *     {@code --percentile-metrics})
 * @param checks SLO clauses on the summary's keys; any failing one makes the run fail
 * @param logRequests write {@code llm-requests.jsonl} with every request's prompt and generated text (capturing the
 *     text costs an allocation per chunk, so it is off by default)
 * @param saveDetailed put the per-request arrays into {@code llm-summary.json} (vLLM's {@code --save-detailed})
 * @param outputs the simulation's end-of-run outputs
 * @param requestFiles the simulation's own per-request files, filled as requests finish
 * @param periodicOutputs the simulation's outputs called periodically while the load goes
 * @param outputTokenizer counts the output tokens of requests whose stream carries no usage from their generated text,
 *     off the event loops (see {@code OutputTokenCounter}), or null to count one token per chunk
 * @param injector this JVM's place in a fleet of load generators (its share, its request ids, the run id), or null
 *     for a run alone (the run then gets a fresh run id at its start)
 */
public record ReportSettings(
    String label,
    List<Double> percentiles,
    GoodputSlo goodput,
    String tokenizerId,
    List<SummaryCheck> checks,
    boolean logRequests,
    boolean saveDetailed,
    List<String> percentileMetrics,
    List<RunOutput> outputs,
    List<RequestFileFormat> requestFiles,
    List<ScheduledOutput> periodicOutputs,
    TextTokenizer outputTokenizer,
    Injector injector) {

  public ReportSettings {
    outputs = List.copyOf(outputs);
    requestFiles = List.copyOf(requestFiles);
    periodicOutputs = List.copyOf(periodicOutputs);
    percentiles = List.copyOf(percentiles);
    percentileMetrics = List.copyOf(percentileMetrics);
    checks = List.copyOf(checks);
  }

  /**
   * These settings with a run alone's place (a fresh run id) when none was given: made once per run at its start, not
   * here, so that two protocols of one run that give none stay equal ({@link RunLevelSettings#requireSame}).
   */
  ReportSettings withInjector() {
    if (injector != null) {
      return this;
    }
    return new ReportSettings(label, percentiles, goodput, tokenizerId, checks, logRequests, saveDetailed,
        percentileMetrics, outputs, requestFiles, periodicOutputs, outputTokenizer, Injector.alone());
  }
}
