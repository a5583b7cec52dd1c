package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryCalculator;
import io.github.gatlingllm.metrics.SummaryOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** vLLM's --percentile-metrics: only the selected metrics' statistics are printed and saved. */
class PercentileMetricsTest {
  private static final RunDescription RUN =
      new RunDescription("openai", "openai", null, "m", "m", 0, Double.POSITIVE_INFINITY, 1.0, null, 0);

  @Test
  void onlyTheSelectedMetricsArePrintedAndSaved() throws Exception {
    SummaryOptions options =
        new SummaryOptions(List.of(99.0), null, false, false, SummaryOptions.parsePercentileMetrics("ttft, ITL"));
    BenchmarkSummary summary = SummaryCalculator.compute(List.of(), RUN, options);
    String block = ConsoleBlock.render(summary);
    assertTrue(block.contains("Mean TTFT (ms):"), block);
    assertTrue(block.contains("Mean ITL (ms):"), block);
    assertFalse(block.contains("TPOT"), block);
    assertFalse(block.contains("E2EL"), block);
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    SummaryJson.write(summary, List.of(), Map.of(), json);
    String text = json.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("\"p99_ttft_ms\"") && text.contains("\"mean_itl_ms\""), text);
    assertFalse(text.contains("\"mean_tpot_ms\"") || text.contains("\"p99_e2el_ms\""), text);
  }

  @Test
  void allFourByDefaultAndUnknownNamesAreRejected() {
    assertEquals(List.of("ttft", "tpot", "itl", "e2el"), SummaryOptions.defaults().percentileMetrics());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SummaryOptions.parsePercentileMetrics("ttft,latency"));
    assertEquals(
        "Invalid percentile metric 'latency' in 'ttft,latency': expected comma-separated names among ttft, tpot, itl, e2el",
        e.getMessage());
  }
}
