package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.RecordListener;
import java.util.List;
import java.util.Map;

/**
 * A part of the run that a load brings along (a capacity search, a sweep): it is registered by the load's population
 * itself, so that a simulation cannot forget it. It reads every measured request as it finishes (on the statistics
 * thread, {@link RecordListener}), adds its figures to {@code llm-summary.json} before the SLO checks run (so a check
 * may gate on them, e.g. {@code capacity_rps>=8}), adds boxes to the LLM block of the HTML report, and writes its own
 * files as any {@link RunOutput}.
 */
public interface RunExtension extends RecordListener, RunOutput {
  /**
   * Keys for {@code llm-summary.json}, numeric ones for the checks (an object may be nested under one key, which the
   * checks do not read), called once the load is over and every request has been read, before
   * the SLO checks. A key whose value is not a finite number should be left out (a check on it then fails, saying
   * the summary does not hold it).
   */
  Map<String, Object> summaryFacts();

  /** Lines printed under the LLM console block, after the load generator's CPU line (none by default). */
  default List<String> consoleLines() {
    return List.of();
  }

  /** Boxes for the LLM block of the HTML report, rendered after the SLO checks and before the charts. */
  List<HtmlSummaryBlock.Part> htmlParts();
}
