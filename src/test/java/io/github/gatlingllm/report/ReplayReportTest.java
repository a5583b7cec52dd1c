package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.metrics.RequestRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayReportTest {
  private static RequestRecord sentLate(long scheduledNanos, long lateNanos) {
    return sentLate("trace", scheduledNanos, lateNanos);
  }

  private static RequestRecord sentLate(String scenario, long scheduledNanos, long lateNanos) {
    RequestRecord r = new RequestRecord("replay");
    r.origin(scenario, 1, 1);
    r.intended(scheduledNanos);
    r.sent(scheduledNanos + lateNanos);
    return r;
  }

  @Test
  void theLagIsSendMinusScheduledOverEverySentRequest() {
    ReplayReport report = new ReplayReport("mooncake-sample.jsonl", 10, 101, "trace");
    for (int i = 0; i <= 100; i++) {
      report.onRecord(sentLate(1_000_000_000L * i, 10_000L * i)); // 0, 0.01, ..., 1.00 ms late
    }
    RequestRecord neverSent = new RequestRecord("replay");
    neverSent.origin("trace", 2, 2);
    neverSent.intended(5); // a request that failed before its send has no lag
    report.onRecord(neverSent);
    report.onRecord(sentLate("another population", 0, 1_000_000_000L)); // its own schedule, not the trace's
    Map<String, Object> facts = report.summaryFacts();
    assertEquals("mooncake-sample.jsonl", facts.get(ReplayReport.TRACE));
    assertEquals(10.0, facts.get(ReplayReport.SPEEDUP));
    assertEquals(101, facts.get(ReplayReport.REQUESTS));
    assertEquals(0.5, (double) facts.get(ReplayReport.LAG_P50), 1e-9);
    assertEquals(0.99, (double) facts.get(ReplayReport.LAG_P99), 1e-9);
    assertEquals(1.0, (double) facts.get(ReplayReport.LAG_MAX), 1e-9);
    assertEquals(
        "Trace replay: mooncake-sample.jsonl at 10x, 101 requests scheduled; schedule lag (send - scheduled) p50 0.50"
            + " ms, p99 0.99 ms, max 1.00 ms",
        report.line());
    assertTrue(ReplayReport.NUMERIC_KEYS.contains(ReplayReport.LAG_MAX), "llm.assert may gate on the lag");
  }

  @Test
  void withoutASendThereIsNoLagKeyAndTheHtmlIsEscaped() {
    ReplayReport report = new ReplayReport("<b>t</b>.jsonl", 1.5, 3, "trace");
    assertFalse(report.summaryFacts().containsKey(ReplayReport.LAG_MAX), "a check on it then fails, saying why");
    String html = report.htmlParts().get(0).render(null);
    assertTrue(html.contains("&lt;b&gt;t&lt;/b&gt;.jsonl at 1.5x"), html);
    assertFalse(html.contains("<b>t</b>"), html);
  }
}
