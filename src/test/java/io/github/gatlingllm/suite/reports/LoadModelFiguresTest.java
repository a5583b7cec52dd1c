package io.github.gatlingllm.suite.reports;

import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TestRecords;
import io.github.gatlingllm.metrics.TokenSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The offline-throughput and LLM-on-Ray figures on {@link TestRecords#scenario()}: A, B and C succeed (prompts 10, 20
 * and unknown = 0; outputs 4, 1 and 3 chunks), D and E fail.
 */
class LoadModelFiguresTest {
  private static final double EPS = 1e-9;

  @Test
  void throughputFiguresCountSuccessfulRequestsTokens() {
    ThroughputFigures f = ThroughputFigures.compute(TestRecords.scenario(), 2.0);
    assertEquals(5, f.numRequests());
    assertEquals(3, f.completed());
    assertEquals(2, f.failed());
    assertEquals(30, f.totalPromptTokens());
    assertEquals(8, f.totalOutputTokens());
    assertEquals(38, f.totalNumTokens());
    assertEquals(1.5, f.requestsPerSecond(), EPS);
    assertEquals(19.0, f.tokensPerSecond(), EPS);
    assertEquals(4.0, f.outputTokensPerSecond(), EPS);
    assertEquals(15.0, f.promptTokensPerSecond(), EPS);
    assertEquals(10.0, f.avgPromptTokens(), EPS);
    assertEquals(8.0 / 3, f.avgOutputTokens(), EPS);
  }

  @Test
  void throughputOfNothingIsZeroNotNaN() {
    ThroughputFigures f = ThroughputFigures.compute(List.of(), 0);
    assertEquals(0.0, f.requestsPerSecond());
    assertEquals(0.0, f.avgOutputTokens());
  }

  @Test
  void llmOnRayFiguresFollowItsDefinitions() {
    LlmOnRayFigures f = LlmOnRayFigures.compute(TestRecords.scenario(), 2.0);
    assertEquals(5, f.numPrompts());
    assertEquals(3, f.completed());
    assertEquals(2, f.failed());
    assertEquals(0, f.minPromptLen());
    assertEquals(10, f.medPromptLen());
    assertEquals(20, f.maxPromptLen());
    assertEquals(2.5, f.throughputRequestsPerSecond(), EPS); // every request sent, as LLM-on-Ray divides
    assertEquals(15.0, f.inputThroughputTokensPerSecond(), EPS);
    assertEquals(4.0, f.outputThroughputTokensPerSecond(), EPS);
    // E2EL 0.25, 1.2, 0.6 s
    assertEquals((0.25 + 1.2 + 0.6) / 3, f.avgLatency(), EPS);
    // E2EL / output tokens: 0.25/4, 1.2/1, 0.6/3
    assertEquals((0.0625 + 1.2 + 0.2) / 3, f.avgPerTokenLatency(), EPS);
    // TTFT 0.1, 0.3, 0.1 s
    assertEquals(0.5 / 3, f.avgFirstTokenLatency(), EPS);
    // per-request mean chunk gap: 150/3 ms, 900/1 ms, 500/2 ms
    assertEquals((0.05 + 0.9 + 0.25) / 3, f.avgNextTokenLatency(), EPS);
  }

  @Test
  void medianPromptLengthIsNumpysMedianTruncated() {
    assertEquals(1, LlmOnRayFigures.compute(List.of(ok(1), ok(2)), 1).medPromptLen()); // int(1.5)
    assertEquals(3, LlmOnRayFigures.compute(List.of(ok(5), ok(1), ok(3)), 1).medPromptLen());
    assertEquals(0.0, LlmOnRayFigures.compute(List.of(), 1).avgNextTokenLatency());
  }

  private static RequestRecord ok(int promptTokens) {
    RequestRecord r = new RequestRecord("chat");
    r.sent(TestRecords.ms(0));
    r.chunk(TestRecords.ms(10));
    r.promptTokens(promptTokens, TokenSource.USAGE);
    r.outputTokens(1, TokenSource.USAGE);
    r.httpStatus(200);
    r.ended(TestRecords.ms(11));
    return r;
  }
}
