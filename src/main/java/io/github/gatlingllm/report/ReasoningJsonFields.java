package io.github.gatlingllm.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TokenCounts;
import java.io.IOException;

/**
 * The reasoning-model keys of a {@code llm-requests.jsonl} line, kept apart from the other keys so that the split of
 * output tokens follows one rule: {@code ttfo_ms} (send to first visible content, null when none came),
 * {@code reasoning_tokens} and {@code reasoning_token_source} (as in the CSV: null / "none" when the request showed no
 * reasoning), {@code answer_tokens} (the output tokens minus the reasoning ones, never below 0; null when the output
 * count is unknown) and {@code reasoning_text} (the reasoning apart from {@code generated_text}, null when not
 * captured).
 */
final class ReasoningJsonFields {
  private static final double NANOS_PER_MS = 1e6;

  private ReasoningJsonFields() {}

  static void write(JsonGenerator g, RequestRecord r) throws IOException {
    long ttfo = r.ttfoNanos();
    if (ttfo == RequestRecord.NONE) {
      g.writeNullField("ttfo_ms");
    } else {
      g.writeNumberField("ttfo_ms", ttfo / NANOS_PER_MS);
    }
    int reasoning = r.reasoningTokens();
    if (reasoning < 0) {
      g.writeNullField("reasoning_tokens");
    } else {
      g.writeNumberField("reasoning_tokens", reasoning);
    }
    g.writeStringField("reasoning_token_source", RequestCsvFormat.source(TokenCounts.reasoningTokenSource(r)));
    int answer = answerTokens(r);
    if (answer < 0) {
      g.writeNullField("answer_tokens");
    } else {
      g.writeNumberField("answer_tokens", answer);
    }
    g.writeStringField("reasoning_text", r.reasoningText());
  }

  /**
   * Output minus reasoning tokens, or -1 when the output count is unknown. Unlike the summary's answer tokens this
   * keeps a failed request's partial output: the line describes what the request received.
   */
  static int answerTokens(RequestRecord r) {
    int output = r.outputTokens();
    if (output < 0) {
      return -1;
    }
    return output - Math.min(output, Math.max(0, r.reasoningTokens()));
  }
}
