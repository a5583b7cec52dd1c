package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.GoodputSlo;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryCalculator;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.metrics.TokenSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SummaryChecksTest {
  private static final RunDescription RUN =
      new RunDescription("openai", "openai", null, "m", "m", 2, Double.POSITIVE_INFINITY, 1.0, null, 0);
  private static final SummaryOptions OPTIONS = new SummaryOptions(List.of(50.0, 99.0), null, false);

  /** Two requests sent at 0: TTFT 100 ms and 300 ms, 3 chunks each 10 ms apart, one failure. */
  private static BenchmarkSummary summary() {
    RequestRecord a = record(100);
    RequestRecord b = record(300);
    RequestRecord failed = new RequestRecord("r");
    failed.sent(0);
    failed.failed(io.github.gatlingllm.metrics.ErrorCategory.HTTP_STATUS, "");
    failed.httpStatus(503);
    failed.ended(5_000_000);
    return SummaryCalculator.compute(List.of(a, b, failed), RUN, OPTIONS);
  }

  /** A successful request sent at 0: first chunk at {@code ttftMs}, 3 chunks 10 ms apart, 3 usage tokens. */
  static RequestRecord record(long ttftMs) {
    RequestRecord r = new RequestRecord("r");
    r.sent(0);
    for (int i = 0; i < 3; i++) {
      r.chunk((ttftMs + 10L * i) * 1_000_000);
    }
    r.outputTokens(3, TokenSource.USAGE);
    r.ended((ttftMs + 20) * 1_000_000);
    return r;
  }

  @Test
  void clausesParseWithEveryOperatorAndSeparator() {
    List<SummaryCheck> checks = SummaryCheck.parseAll(" p99_ttft_ms < 500 ; failed==0, request_goodput>=2;x<=1;y>0.5 ");
    assertEquals(5, checks.size());
    assertEquals("p99_ttft_ms<500", checks.get(0).toString());
    assertEquals(SummaryCheck.Operator.EQ, checks.get(1).operator());
    assertEquals(SummaryCheck.Operator.GE, checks.get(2).operator());
    assertEquals(SummaryCheck.Operator.LE, checks.get(3).operator());
    assertEquals("y>0.5", checks.get(4).toString());
    assertEquals("p99_ttft_ms<0.001", SummaryCheck.parse("p99_ttft_ms<0.001").toString());
  }

  @Test
  void malformedClausesAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SummaryCheck.parseAll("p99 < fast"));
    assertTrue(e.getMessage().startsWith("Invalid SLO check 'p99 < fast': expected <summary key><op><number>"));
    assertThrows(IllegalArgumentException.class, () -> SummaryCheck.parseAll(" ; "));
    assertThrows(IllegalArgumentException.class, () -> SummaryCheck.parse("a=1"));
  }

  @Test
  void clausesAreEvaluatedOnTheSummaryKeysWithTheirActualValues() {
    // p99 of TTFT [100, 300] = 100 + 0.99 * 200 = 298 ms; median 200 ms; one failure
    List<SummaryChecks.Result> results =
        SummaryChecks.evaluate(
            SummaryCheck.parseAll("p99_ttft_ms<298.5;median_ttft_ms==200;failed==0;completed>=2;client_cores_used<1"),
            summary(),
            Map.of("client_cores_used", 0.5));
    assertEquals(298.0, results.get(0).actual(), 1e-9);
    assertTrue(results.get(0).passed());
    assertTrue(results.get(1).passed());
    assertFalse(results.get(2).passed());
    assertEquals(1.0, results.get(2).actual());
    assertTrue(results.get(3).passed());
    assertTrue(results.get(4).passed(), "run facts are keys too");
    String text = SummaryChecks.render(results);
    assertTrue(text.contains("failed==0: 1.00 FAILED") || text.contains("failed==0: 1 FAILED"), text);
    assertTrue(text.contains("1 of 5 SLO checks FAILED"), text);
  }

  @Test
  void keysTheSummaryWillNotHoldFailAtStart() {
    IllegalArgumentException percentile =
        assertThrows(
            IllegalArgumentException.class,
            () -> SummaryChecks.validate(SummaryCheck.parseAll("p95_ttft_ms<1"), keys(OPTIONS)));
    assertTrue(percentile.getMessage().contains("llm.metricPercentiles"), percentile.getMessage());
    IllegalArgumentException goodput =
        assertThrows(
            IllegalArgumentException.class,
            () -> SummaryChecks.validate(SummaryCheck.parseAll("request_goodput>1"), keys(OPTIONS)));
    assertTrue(goodput.getMessage().contains("needs goodput SLOs"), goodput.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> SummaryChecks.validate(SummaryCheck.parseAll("model_id==1"), keys(OPTIONS)));
    // valid: with SLOs, goodput is a number; run facts are accepted when declared
    SummaryChecks.validate(
        SummaryCheck.parseAll("request_goodput>1;client_cpu_seconds<10;p50_itl_ms<5"),
        withFact(keys(new SummaryOptions(List.of(50.0), GoodputSlo.parse("ttft:100"), false)), "client_cpu_seconds"));
  }

  private static Set<String> keys(SummaryOptions options) {
    return SummaryJson.numericKeys(options, false, false, false);
  }

  private static Set<String> withFact(Set<String> keys, String fact) {
    Set<String> all = new java.util.HashSet<>(keys);
    all.add(fact);
    return all;
  }
}
