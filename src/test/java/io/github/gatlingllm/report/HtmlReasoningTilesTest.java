package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.TestRecords;
import org.junit.jupiter.api.Test;

/** The key-figure tiles of a reasoning run: TTFO and the reasoning / answer split, only when the run reasoned. */
class HtmlReasoningTilesTest {
  private static String tiles(BenchmarkSummary s) {
    return new HtmlKeyFigures(new RunView(TestRecords.scenario(), null)).render(s);
  }

  private static String tile(String value, String unit, String label) {
    return "<div class=\"llm-figure-value\">" + value + "<span class=\"llm-figure-unit\">" + unit + "</span></div>"
        + "<div class=\"llm-figure-label\">" + label + "</div>";
  }

  @Test
  void aReasoningRunShowsTtfoMeanMedianTailAndTheTokenSplit() {
    String html = tiles(Summaries.reasoning());
    // TTFO 150 and 1200 ms: mean = median = 675, P99 = 1189.50 (numpy's linear interpolation).
    assertTrue(html.contains(tile("675.00", "ms", "Mean time to first output (TTFO)")), html);
    assertTrue(html.contains(tile("675.00", "ms", "Median time to first output (TTFO)")), html);
    assertTrue(html.contains(tile("1,189.50", "ms", "P99 time to first output (TTFO)")), html);
    // 5 of 8 output tokens were reasoning.
    assertTrue(html.contains(tile("5 / 3", "tok", "Reasoning / answer tokens (62.50% reasoning)")), html);
  }

  @Test
  void aRunWithoutReasoningHasNoReasoningTiles() {
    String html = tiles(Summaries.minimal());
    assertFalse(html.contains("TTFO"), html);
    assertFalse(html.contains("Reasoning"), html);
  }
}
