package io.github.gatlingllm.javaapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.javaapi.core.Assertion;
import io.github.gatlingllm.report.SummaryCheck;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GatlingEquivalentsTest {
  private static List<String> scala(GatlingEquivalents equivalents) {
    return equivalents.assertions().stream().map(Assertion::asScala).map(Object::toString).toList();
  }

  @Test
  void latencyClausesReadTheTimingRowsAndTheRequestsOwnRow() {
    GatlingEquivalents mapped =
        LlmAssertions.gatlingEquivalents(
            "p99_ttft_ms<500;mean_tpot_ms<=50;p99.9_itl_ms<80;median_e2el_ms<2000;std_ttft_ms<100", List.of("chat"));
    assertEquals(
        List.of(
            "Assertion(Details(List(chat TTFT)),Time(ResponseTime,Percentile(99.0)),Lt(500.0))",
            "Assertion(Details(List(chat TPOT)),Time(ResponseTime,Mean),Lte(50.0))",
            "Assertion(Details(List(chat ITL)),Time(ResponseTime,Percentile(99.9)),Lt(80.0))",
            "Assertion(Details(List(chat)),Time(ResponseTime,Percentile(50.0)),Lt(2000.0))",
            "Assertion(Details(List(chat TTFT)),Time(ResponseTime,StandardDeviation),Lt(100.0))"),
        scala(mapped));
    assertEquals(List.of(), mapped.unmapped());
    assertTrue(mapped.warning().isEmpty());
  }

  @Test
  void oneAssertionPerRequestName() {
    GatlingEquivalents mapped = LlmAssertions.gatlingEquivalents("p99_ttft_ms<500", List.of("chat", "completion"));
    assertEquals(
        List.of(
            "Assertion(Details(List(chat TTFT)),Time(ResponseTime,Percentile(99.0)),Lt(500.0))",
            "Assertion(Details(List(completion TTFT)),Time(ResponseTime,Percentile(99.0)),Lt(500.0))"),
        scala(mapped));
  }

  @Test
  void failuresAreTheRequestsKoCountsOrGatlingsGlobalOnesForSeveralNames() {
    assertEquals(
        List.of(
            "Assertion(Details(List(chat)),Count(FailedRequests),Is(0.0))",
            "Assertion(Details(List(chat)),Percent(FailedRequests),Lt(1.0))",
            "Assertion(Details(List(chat)),Count(SuccessfulRequests),Gte(100.0))"),
        scala(LlmAssertions.gatlingEquivalents("failed==0;failed_ratio<0.01;completed>=100", List.of("chat"))));
    assertEquals(
        List.of("Assertion(Global,Count(FailedRequests),Lte(3.0))"),
        scala(LlmAssertions.gatlingEquivalents("failed<=3", List.of("chat", "completion"))));
  }

  @Test
  void fractionalThresholdsBecomeTheWholeNumberOnesThatMeanTheSameForWholeValues() {
    assertEquals(OptionalLong.of(13), GatlingAssertionMapping.wholeBound(SummaryCheck.Operator.LT, 12.5));
    assertEquals(OptionalLong.of(12), GatlingAssertionMapping.wholeBound(SummaryCheck.Operator.LE, 12.5));
    assertEquals(OptionalLong.of(12), GatlingAssertionMapping.wholeBound(SummaryCheck.Operator.GT, 12.5));
    assertEquals(OptionalLong.of(13), GatlingAssertionMapping.wholeBound(SummaryCheck.Operator.GE, 12.5));
    assertEquals(OptionalLong.of(12), GatlingAssertionMapping.wholeBound(SummaryCheck.Operator.EQ, 12));
    assertEquals(OptionalLong.empty(), GatlingAssertionMapping.wholeBound(SummaryCheck.Operator.EQ, 12.5));
    assertEquals(OptionalLong.of(500), GatlingAssertionMapping.wholeBound(SummaryCheck.Operator.LT, 500));
    // For every whole value v, "v < 12.5" and Gatling's "v < 13" agree, and so on for each operator.
    for (SummaryCheck.Operator op : List.of(SummaryCheck.Operator.LT, SummaryCheck.Operator.LE,
        SummaryCheck.Operator.GT, SummaryCheck.Operator.GE)) {
      long bound = GatlingAssertionMapping.wholeBound(op, 12.5).getAsLong();
      for (long v = 10; v <= 15; v++) {
        assertEquals(
            new SummaryCheck("k", op, 12.5).holds(v), new SummaryCheck("k", op, bound).holds(v), op + " " + v);
      }
    }
    assertEquals(
        List.of("Assertion(Details(List(chat TTFT)),Time(ResponseTime,Percentile(99.0)),Lt(13.0))"),
        scala(LlmAssertions.gatlingEquivalents("p99_ttft_ms<12.5", List.of("chat"))));
  }

  @Test
  void whatGatlingCannotJudgeIsNamedInOneWarning() {
    GatlingEquivalents mapped =
        LlmAssertions.gatlingEquivalents(
            "request_goodput>=2;p99_ttft_ms<500;output_throughput>100;p99_ttft_cache_hit_ms<50;mean_ttft_ms==10.5",
            List.of("chat"));
    assertEquals(1, mapped.assertions().size());
    assertEquals(
        List.of("request_goodput>=2", "output_throughput>100", "p99_ttft_cache_hit_ms<50", "mean_ttft_ms==10.5"),
        mapped.unmapped().stream().map(SummaryCheck::toString).toList());
    String warning = mapped.warning().orElseThrow();
    assertTrue(warning.contains("request_goodput>=2, output_throughput>100, p99_ttft_cache_hit_ms<50"), warning);
    assertTrue(warning.contains("Gatling Enterprise"), warning);
  }

  @Test
  void requestNamesAreRequired() {
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> LlmAssertions.gatlingEquivalents("failed==0", List.of()));
    assertTrue(none.getMessage().contains("request names"), none.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LlmAssertions.gatlingEquivalents("failed==0", List.of(" ")));
  }
}
