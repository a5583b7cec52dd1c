package io.github.gatlingllm.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunDescriptionTest {

  @Test
  void dateIsVllmsFormatInTheGivenZone() {
    // 1_700_000_000_000 ms = 2023-11-14T22:13:20Z
    RunDescription run = TestRecords.run(null, 10);
    assertEquals("20231114-221320", run.date(ZoneOffset.UTC));
    assertEquals("20231115-071320", run.date(ZoneId.of("Asia/Tokyo")));
  }

  @Test
  void endpointTypeDefaultsToTheBackendAndRatesAreChecked() {
    RunDescription run = TestRecords.run(8, Double.POSITIVE_INFINITY);
    assertEquals("openai-chat", run.endpointType());
    assertFalse(run.finiteRate());
    assertTrue(TestRecords.run(null, 2.5).finiteRate());
    assertThrows(IllegalArgumentException.class, () -> TestRecords.run(null, 0));
    assertThrows(IllegalArgumentException.class, () -> TestRecords.run(null, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> TestRecords.run(0, 1));
  }

  @Test
  void summaryOptionsValidateAndDeduplicatePercentiles() {
    assertEquals(List.of(99.0), SummaryOptions.defaults().percentiles());
    assertEquals(List.of(50.0, 99.0, 99.9), new SummaryOptions(List.of(50.0, 99.0, 50.0, 99.9), null, false)
        .percentiles());
    assertThrows(IllegalArgumentException.class, () -> new SummaryOptions(List.of(101.0), null, false));
    assertEquals(List.of(50.0, 90.0, 99.9), SummaryOptions.parsePercentiles("50, 90,99.9"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SummaryOptions.parsePercentiles("50,p99"));
    assertTrue(e.getMessage().startsWith("Invalid percentile 'p99' in '50,p99'"), e.getMessage());
  }

  @Test
  void failedRequestsWithoutACategoryAreLabelledNoChoices() {
    RequestRecord r = new RequestRecord("x");
    assertEquals("stream without choices", r.errorLabel());
    r.chunk(1);
    assertEquals("", r.errorLabel());
    r.failed(ErrorCategory.HTTP_STATUS, null);
    r.httpStatus(429);
    assertEquals("HTTP 429", r.errorLabel());
  }
}
