package io.github.gatlingllm.metrics;

import static io.github.gatlingllm.metrics.TestRecords.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every expected value below is worked out by hand from the table in {@link TestRecords}. */
class SummaryCalculatorTest {
  private static final double EPS = 1e-9;
  private static final RunDescription RUN = TestRecords.run(null, Double.POSITIVE_INFINITY);

  private static BenchmarkSummary compute(SummaryOptions opts) {
    return SummaryCalculator.compute(TestRecords.scenario(), RUN, opts);
  }

  @Test
  void countsTotalsDurationAndThroughputs() {
    BenchmarkSummary s = compute(SummaryOptions.defaults());
    assertEquals(3, s.completed()); // A, B, C
    assertEquals(2, s.failed()); // D, E
    // duration: earliest intended 0 (A, B) to latest end 2000 (E, failed but it still ran) = 2 s
    assertEquals(ms(0), s.startNanos());
    assertEquals(ms(2000), s.endNanos());
    assertEquals(2.0, s.durationSeconds(), EPS);
    // input over successful requests: 10 + 20 + 0 (C unknown) = 30; D's 30 and E's 5 do not count
    assertEquals(30, s.totalInputTokens());
    // output: 4 + 1 + 3 (C: not set, so its 3 chunks are counted) = 8
    assertEquals(8, s.totalOutputTokens());
    assertEquals(1.5, s.requestThroughput(), EPS); // 3 / 2
    assertEquals(4.0, s.outputThroughput(), EPS); // 8 / 2
    assertEquals(19.0, s.totalTokenThroughput(), EPS); // (30 + 8) / 2
    assertNull(s.requestGoodput());
    assertEquals(0, s.goodCompleted());
    assertEquals(Map.of(TokenSource.USAGE, 2L, TokenSource.TOKENIZER, 0L, TokenSource.CHUNKS, 1L, TokenSource.NONE, 0L),
        s.outputTokenSources());
    // sorted by label: 'H' < 'i'
    assertEquals(List.of("HTTP 503", "idle timeout"), new ArrayList<>(s.errorsByLabel().keySet()));
    assertEquals(Map.of("HTTP 503", 1L, "idle timeout", 1L), s.errorsByLabel());
  }

  @Test
  void latencyDistributionsUseSuccessfulRequestsOnly() {
    BenchmarkSummary s = compute(new SummaryOptions(List.of(99.0, 50.0), null, false));
    // TTFT: A 100, B 400-100 = 300, C 350-250 = 100 -> [100, 100, 300]
    MetricStats ttft = s.ttft();
    assertEquals(3, ttft.count());
    assertEquals(500.0 / 3, ttft.meanMs(), EPS);
    assertEquals(100, ttft.medianMs(), EPS);
    assertEquals(94.28090415820634, ttft.stdMs(), EPS); // sqrt((66.67^2 * 2 + 133.33^2) / 3)
    assertEquals(296, ttft.percentile(99), EPS); // h = 1.98: 100 + 0.98 * 200
    assertEquals(100, ttft.percentile(50), EPS);
    // E2EL: A 250, B 1300-100 = 1200, C 850-250 = 600 -> [250, 600, 1200]
    MetricStats e2el = s.e2el();
    assertEquals(2050.0 / 3, e2el.meanMs(), EPS);
    assertEquals(600, e2el.medianMs(), EPS);
    assertEquals(392.286743197994, e2el.stdMs(), 1e-9);
    assertEquals(1188, e2el.percentile(99), EPS); // 600 + 0.98 * 600
    // TPOT: A (250-100)/3 = 50, C (850-350)/2 = 250; B has 1 output token: no TPOT
    MetricStats tpot = s.tpot();
    assertEquals(2, tpot.count());
    assertEquals(150, tpot.meanMs(), EPS);
    assertEquals(150, tpot.medianMs(), EPS);
    assertEquals(100, tpot.stdMs(), EPS);
    assertEquals(248, tpot.percentile(99), EPS); // h = 0.99: 50 + 0.99 * 200
    // ITL pooled: A 50 50 50, B 900, C 100 400 (E's gap 100 is from a failed request) -> 6 samples
    MetricStats itl = s.itl();
    assertEquals(6, itl.count());
    assertEquals(1550.0 / 6, itl.meanMs(), EPS);
    assertEquals(75, itl.medianMs(), EPS); // (50 + 100) / 2
    assertEquals(312.80540631872435, itl.stdMs(), 1e-9);
    assertEquals(875, itl.percentile(99), 1e-9); // h = 4.95: 400 + 0.95 * 500
    assertEquals(50, itl.minMs(), EPS);
    assertEquals(900, itl.maxMs(), EPS);
  }

  @Test
  void reasoningAndAnswerTokenTotals() {
    List<RequestRecord> records = TestRecords.scenario();
    BenchmarkSummary plain = SummaryCalculator.compute(records, RUN, SummaryOptions.defaults());
    assertEquals(0, plain.totalReasoningTokens());
    assertEquals(8, plain.totalAnswerTokens());
    assertFalse(plain.hasReasoning());
    assertEquals(3, plain.reasoningTokenSources().get(TokenSource.NONE));

    records.get(0).reasoningTokens(3, TokenSource.USAGE); // A: 4 output tokens, 3 of them reasoning
    records.get(1).reasoningTokens(5, TokenSource.USAGE); // B: 1 output token: reasoning capped at 1
    records.get(2).reasoningTokens(2, TokenSource.CHUNKS); // C: 3 tokens counted from chunks, 2 reasoning
    records.get(4).reasoningTokens(2, TokenSource.CHUNKS); // E failed: does not count
    BenchmarkSummary s = SummaryCalculator.compute(records, RUN, SummaryOptions.defaults());
    assertEquals(3 + 1 + 2, s.totalReasoningTokens());
    assertEquals(8 - 6, s.totalAnswerTokens()); // A 1, B 0, C 1
    assertEquals(8, s.totalOutputTokens(), "the vLLM total is unchanged");
    assertTrue(s.hasReasoning());
    assertEquals(Map.of(TokenSource.USAGE, 2L, TokenSource.TOKENIZER, 0L, TokenSource.CHUNKS, 1L, TokenSource.NONE, 0L),
        s.reasoningTokenSources());
    assertEquals(1, TokenCounts.answerTokens(records.get(0)));
    assertEquals(0, TokenCounts.reasoningTokens(records.get(4)));
  }

  @Test
  void clientSideExtras() {
    BenchmarkSummary s = compute(SummaryOptions.defaults());
    // TTFO: A 150, B 1300-100 = 1200; C never showed content -> [150, 1200]
    assertEquals(2, s.ttfo().count());
    assertEquals(675, s.ttfo().meanMs(), EPS);
    assertEquals(1189.5, s.ttfo().percentile(99), EPS); // 150 + 0.99 * 1050
    // queue: A 0, B 100, C 0
    assertEquals(100.0 / 3, s.clientQueueTime().meanMs(), EPS);
    assertEquals(0, s.clientQueueTime().medianMs(), EPS);
    assertEquals(98, s.clientQueueTime().percentile(99), EPS); // h = 1.98: 0 + 0.98 * 100
    // intended to last chunk: A 250, B 1300, C 600
    assertEquals(2150.0 / 3, s.e2elIncludingClientQueue().meanMs(), EPS);
    assertEquals(1286, s.e2elIncludingClientQueue().percentile(99), EPS); // 600 + 0.98 * 700
  }

  @Test
  void peakOutputCountsChunksPerSecondFromTheFirstSuccessfulSend() {
    // origin: A's send at 0. Second 0: A 4 chunks, B 1 (400), C 3 (350 450 850) = 8. Second 1: B's 1300 = 1.
    // E's chunks (1100, 1200) are from a failed request and not counted.
    assertEquals(8.0, compute(SummaryOptions.defaults()).maxOutputTokensPerSecond(), EPS);
  }

  @Test
  void peakOutputBucketsAreOneSecondFromTheOrigin() {
    // Origin = send at 500 ms. Chunks at 900, 1400, 1499 -> second 0; 1500, 1600 -> second 1 (1500 - 500 = 1 s).
    RequestRecord r = ok(500, 900, 1400, 1499, 1500, 1600);
    RequestRecord early = failedAt(0); // failed requests move neither the origin nor the buckets
    BenchmarkSummary s = SummaryCalculator.compute(List.of(early, r), RUN, SummaryOptions.defaults());
    assertEquals(3.0, s.maxOutputTokensPerSecond(), EPS);
  }

  @Test
  void peakConcurrencyEndsBeforeStartsOnTies() {
    // successful intervals [send, last chunk): A [0, 250), B [100, 1300), C [250, 850).
    // At 250 A ends and C starts: the end counts first, so at most 2 are in flight (3 if the start came first).
    assertEquals(2, compute(SummaryOptions.defaults()).maxConcurrentRequests());
    // Three overlapping: [0, 100), [10, 50), [20, 30) -> 3 at 20.
    List<RequestRecord> nested = List.of(ok(0, 100), ok(10, 50), ok(20, 30));
    assertEquals(3, SummaryCalculator.compute(nested, RUN, SummaryOptions.defaults()).maxConcurrentRequests());
    // Back to back: [0, 10), [10, 20), [20, 30) -> 1.
    List<RequestRecord> chain = List.of(ok(0, 10), ok(10, 20), ok(20, 30));
    assertEquals(1, SummaryCalculator.compute(chain, RUN, SummaryOptions.defaults()).maxConcurrentRequests());
  }

  @Test
  void goodputAppliesEveryGivenObjective() {
    // ttft <= 150 and tpot <= 60: A (100, 50) good; B ttft 300 bad; C tpot 250 bad -> 1 good / 2 s
    BenchmarkSummary s = compute(new SummaryOptions(List.of(99.0), GoodputSlo.parse("ttft:150,tpot:60"), false));
    assertEquals(1, s.goodCompleted());
    assertEquals(0.5, s.requestGoodput(), EPS);
    // e2el <= 600: A 250 good, B 1200 bad, C 600 good (the limit is inclusive) -> 2 / 2 s
    s = compute(new SummaryOptions(List.of(99.0), GoodputSlo.parse("e2el:600"), false));
    assertEquals(1.0, s.requestGoodput(), EPS);
  }

  @Test
  void oneTokenRequestsCountTpotZeroForGoodput() {
    // tpot <= 10: A 50 bad, C 250 bad, B has one output token so vLLM counts its TPOT as 0 -> good
    BenchmarkSummary s = compute(new SummaryOptions(List.of(99.0), GoodputSlo.parse("tpot:10"), false));
    assertEquals(1, s.goodCompleted());
    assertEquals(0.5, s.requestGoodput(), EPS);
  }

  @Test
  void noSuccessfulRequestGivesZerosNotExceptions() {
    List<RequestRecord> records = List.of(failedAt(0), failedAt(1000));
    BenchmarkSummary s = SummaryCalculator.compute(records, RUN,
        new SummaryOptions(List.of(99.0), GoodputSlo.parse("ttft:1"), false));
    assertEquals(0, s.completed());
    assertEquals(2, s.failed());
    assertEquals(1.02, s.durationSeconds(), EPS); // 0 to the second one's end at 1020
    assertEquals(0, s.requestThroughput());
    assertEquals(0.0, s.requestGoodput());
    assertEquals(0, s.ttft().meanMs());
    assertEquals(0, s.itl().percentile(99));
    assertEquals(0, s.maxOutputTokensPerSecond());
    assertEquals(0, s.maxConcurrentRequests());
    assertEquals(Map.of("stream without choices", 2L), s.errorsByLabel());
  }

  @Test
  void emptyRunAndZeroDurationGiveZeroThroughputs() {
    BenchmarkSummary empty = SummaryCalculator.compute(List.of(), RUN, SummaryOptions.defaults());
    assertEquals(0, empty.durationSeconds());
    assertEquals(0, empty.completed());
    assertEquals(0, empty.requestThroughput());
    assertEquals(1, empty.ttft().percentiles().size());

    // One request whose only chunk arrives at its send time: duration 0, yet one completed request.
    RequestRecord instant = new RequestRecord("x");
    instant.sent(ms(5));
    instant.chunk(ms(5));
    instant.outputTokens(1, TokenSource.USAGE);
    instant.ended(ms(5));
    BenchmarkSummary s = SummaryCalculator.compute(List.of(instant), RUN, SummaryOptions.defaults());
    assertEquals(1, s.completed());
    assertEquals(0, s.durationSeconds());
    assertEquals(0, s.requestThroughput());
    assertEquals(0, s.outputThroughput());
    assertEquals(0, s.maxConcurrentRequests()); // [5, 5) is empty, as in vLLM's sweep
    assertEquals(1.0, s.maxOutputTokensPerSecond());
  }

  @Test
  void durationFallsBackToLastChunkThenSendWhenNoEndWasRecorded() {
    // no intended time: the send is the dispatch. No end: last chunk 300 for one, send 400 for the other.
    RequestRecord a = new RequestRecord("a");
    a.sent(ms(100));
    a.chunk(ms(300));
    RequestRecord b = new RequestRecord("b");
    b.sent(ms(400));
    b.failed(ErrorCategory.CANCELLED, "");
    BenchmarkSummary s = SummaryCalculator.compute(List.of(a, b), RUN, SummaryOptions.defaults());
    assertEquals(0.3, s.durationSeconds(), EPS); // 100 -> 400
  }

  /** A successful request sent at {@code send} ms with chunks at the given ms (output tokens = chunks). */
  private static RequestRecord ok(int send, int... chunks) {
    RequestRecord r = new RequestRecord("ok");
    r.sent(ms(send));
    for (int c : chunks) {
      r.chunk(ms(c));
    }
    r.outputTokens(chunks.length, TokenSource.USAGE);
    r.ended(ms(chunks[chunks.length - 1]));
    return r;
  }

  /** A request sent at {@code send} ms whose stream had no choices, ended 20 ms later. */
  private static RequestRecord failedAt(int send) {
    RequestRecord r = new RequestRecord("ko");
    r.sent(ms(send));
    r.httpStatus(200);
    r.ended(ms(send + 20));
    return r;
  }
}
