package io.github.gatlingllm.protocol;

import io.gatling.core.CoreComponents;
import io.github.gatlingllm.metrics.MetricsRecorder;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenSource;

/**
 * The run as one protocol's actions reach it (through {@link LlmComponents}): the shared {@link RunParts} of the
 * run, and the one thing that is the protocol's own here, the rule its requests' timings were given to Gatling with,
 * which each record carries into the run's statistics. Holds no run-wide state itself: that lives in the parts (the
 * run's description in {@link RunDescriber}), since a run has one LlmRun per scenario.
 */
public final class LlmRun {
  private final RunParts parts;
  private final LlmProtocol protocol;
  private final GatlingTimingRule timingRule;

  LlmRun(RunParts parts, LlmProtocol protocol) {
    this.parts = parts;
    this.protocol = protocol;
    this.timingRule = protocol.requests().timingRule();
  }

  public CoreComponents core() {
    return parts.core;
  }

  public TimeBase timeBase() {
    return parts.timeBase;
  }

  public MetricsRecorder recorder() {
    return parts.recorder.recorder();
  }

  /**
   * Whether a request of this run has had its output counted by the server's usage. Until one has, requests capture
   * their generated text so that the tokenizer can count it; once the server has shown that it honours
   * {@code include_usage}, later requests skip the copy of every chunk's text (servers do not drop usage from one
   * request to the next; if one did, that request would fall back to its chunk count, and say so).
   */
  public boolean serverSendsUsage() {
    return parts.recorder.serverSendsUsage();
  }

  /** A finished request's output token source (warm-ups included): the first usage count settles the question. */
  public void noteOutputTokenSource(TokenSource source) {
    parts.recorder.noteOutputTokenSource(source);
  }

  /**
   * Notes a population that sends measured requests, with its load's description (what the summary reports comes
   * from the load that was injected); once per population, however many LLM actions it holds.
   */
  public void measuredPopulation(LoadProtocol.Components population) {
    parts.description.measuredPopulation(population, protocol);
    if (population.extension() != null) {
      parts.recorder.addExtension(population.extension());
    }
  }

  /** Notes the wire format in use, reported as {@code backend} / {@code endpoint_type}. */
  public void noteDialect(String name) {
    parts.description.noteDialect(name);
  }

  /**
   * A measured request starts: counted for the live line, and tracked until its record arrives (its intended start
   * and request id must be set).
   */
  public void requestStarted(RequestRecord record) {
    parts.recorder.requestStarted(record);
  }

  /** A new request's number in the run: 1, 2, ... in the order requests start. */
  public long nextRequestId() {
    return parts.recorder.nextRequestId();
  }

  /**
   * Hands a finished request to the summary, through the output token counter when the run has one (the record must
   * not be touched by the caller afterwards). Warm-up requests never come here.
   */
  public void record(RequestRecord record) {
    record.gatlingTimings(timingRule);
    parts.recorder.record(record);
  }
}
