package io.github.gatlingllm.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunStatisticsTest {
  private static final long MS = 1_000_000L;

  private static RequestRecord ok(long sendMs, long... chunkMs) {
    RequestRecord r = new RequestRecord("r");
    r.intended(sendMs * MS);
    r.sent(sendMs * MS);
    for (long c : chunkMs) {
      r.chunk(c * MS);
    }
    r.outputTokens(chunkMs.length, TokenSource.USAGE);
    r.ended(chunkMs[chunkMs.length - 1] * MS);
    return r;
  }

  @Test
  void requestsCutByTheEndOfTheRunAreNeitherCompletedNorFailed() {
    RunStatistics s = new RunStatistics(SummaryOptions.defaults());
    s.add(ok(0, 100, 110));
    RequestRecord cut = new RequestRecord("r");
    cut.intended(50 * MS);
    cut.sent(50 * MS);
    cut.chunk(150 * MS); // it had started streaming when the run ended
    cut.failed(ErrorCategory.CANCELLED, "the client closed: the run ended");
    cut.ended(400 * MS);
    s.add(cut);
    RequestRecord broken = new RequestRecord("r");
    broken.intended(60 * MS);
    broken.sent(60 * MS);
    broken.failed(ErrorCategory.CONNECTION_CLOSED, "reset");
    broken.ended(70 * MS);
    s.add(broken);
    BenchmarkSummary summary = s.summary(TestRecords.run(null, 1.0));
    assertEquals(1, summary.completed());
    assertEquals(1, summary.failed());
    assertEquals(1, summary.cancelled());
    assertEquals(Map.of("connection closed mid-stream", 1L), summary.errorsByLabel());
    assertEquals(0.4, summary.durationSeconds(), 1e-12, "the run lasted until the cut request ended");
    assertEquals(3, s.requests());
  }

  @Test
  void pastTheExactLimitTheSummarySaysWhichPercentilesComeFromTheHistogram() {
    RunStatistics s = new RunStatistics(SummaryOptions.defaults(), 3);
    s.add(ok(0, 10, 20, 30, 40, 50)); // 4 ITL samples: past a limit of 3
    BenchmarkSummary summary = s.summary(TestRecords.run(null, 1.0));
    assertTrue(summary.ttft().exact());
    assertFalse(summary.itl().exact());
    assertEquals(4, summary.itl().count());
    assertEquals(10, summary.itl().meanMs(), 1e-9, "the mean stays exact");
  }

  /** Hits and misses split TTFT; silent and failed requests stay out; the TTFT values count against the budget. */
  @Test
  void prefixCacheSplitsTtftIntoHitsAndMissesWithinTheSharedBudget() {
    SampleBudget budget = new SampleBudget(1_000_000);
    RunStatistics s = new RunStatistics(SummaryOptions.defaults(), 100, budget);
    long before = budget.remaining();
    for (RequestRecord r : TestRecords.cachedScenario()) {
      s.add(r);
    }
    PrefixCacheSummary cache = s.summary(TestRecords.run(null, 1.0)).prefixCache();
    assertEquals(2, cache.reportedRequests());
    assertEquals(8, cache.cachedTokens());
    assertEquals(8.0 / 30, cache.hitRate(), 1e-12);
    assertEquals(1, cache.hitRequests());
    assertEquals(1, cache.missRequests());
    assertEquals(100, cache.hitTtft().meanMs(), 1e-9);
    assertEquals(300, cache.missTtft().meanMs(), 1e-9);

    SampleBudget silentBudget = new SampleBudget(1_000_000);
    RunStatistics silent = new RunStatistics(SummaryOptions.defaults(), 100, silentBudget);
    TestRecords.scenario().forEach(silent::add);
    assertEquals(2, (before - budget.remaining()) - (before - silentBudget.remaining()),
        "the hit and the miss TTFT each take one value of the run's shared budget");
    PrefixCacheSummary none = silent.summary(TestRecords.run(null, 1.0)).prefixCache();
    assertNull(none.hitRate(), "nothing reported: unknown, not 0");
    assertFalse(none.reported());
    assertEquals(0, none.hitTtft().count());
  }

  @Test
  void theSameRequestsGiveTheSameSummaryWhateverOrderTheyFinishIn() {
    List<RequestRecord> rs = TestRecords.scenario();
    RunStatistics forward = new RunStatistics(SummaryOptions.defaults());
    rs.forEach(forward::add);
    RunStatistics backward = new RunStatistics(SummaryOptions.defaults());
    for (int i = rs.size() - 1; i >= 0; i--) {
      backward.add(rs.get(i));
    }
    BenchmarkSummary a = forward.summary(TestRecords.run(null, 1.0));
    BenchmarkSummary b = backward.summary(TestRecords.run(null, 1.0));
    assertEquals(a.maxConcurrentRequests(), b.maxConcurrentRequests());
    assertEquals(a.maxOutputTokensPerSecond(), b.maxOutputTokensPerSecond());
    assertEquals(a.ttft(), b.ttft());
    assertEquals(a.itl(), b.itl());
  }
}
