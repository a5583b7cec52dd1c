package io.github.gatlingllm.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.report.SummaryCheck;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityTableTest {

  private static List<String> lines(CapacityResult r) {
    return Arrays.asList(CapacityTable.render(r).split("\n"));
  }

  /** The row of step n: the line starting with the step number, right-aligned in the '#' column. */
  private static String row(List<String> lines, int n) {
    return lines.stream().filter(l -> l.matches(" ?" + n + "  .*")).findFirst().orElseThrow();
  }

  @Test
  void searchHasVllmTitleSloAndOneRowPerStep() {
    List<String> lines = lines(CapacityResults.search());
    assertEquals("============= Capacity Search Result =============", lines.get(0));
    assertEquals(50, lines.get(0).length());
    assertTrue(lines.contains(String.format("%-40s %s", "SLO:", "p99_ttft_ms<500, p99_tpot_ms<50")));
    String header = lines.stream().filter(l -> l.contains("Phase")).findFirst().orElseThrow();
    assertTrue(header.matches("#  Phase +Load +Req/s +Output tok/s +Per-user tok/s +P99 TTFT \\(ms\\) +P99 TPOT \\(ms\\)"
        + " +P99 ITL \\(ms\\) +Failed +Verdict"), header);
    for (int n = 1; n <= 9; n++) {
      row(lines, n);
    }
    assertEquals("=".repeat(50), lines.get(lines.size() - 1));
  }

  @Test
  void rowsHoldTheStepFiguresInAlignedColumns() {
    List<String> lines = lines(CapacityResults.search());
    String header = lines.stream().filter(l -> l.contains("Phase")).findFirst().orElseThrow();
    String three = row(lines, 3);
    assertTrue(three.matches("3  bracket +8 req/s +7\\.76 +776\\.0 +66\\.7 +260\\.00 +30\\.00 +30\\.00 +0\\.0% +PASS"),
        three);
    // Numbers are right-aligned under their header: each ends where the header ends.
    assertEquals(header.indexOf("Req/s") + "Req/s".length(), three.indexOf("7.76") + "7.76".length());
    assertEquals(header.indexOf("P99 TTFT (ms)") + 13, three.indexOf("260.00") + 6);
    // Text columns are left-aligned: the verdict starts under its header in every row.
    int verdict = header.indexOf("Verdict");
    for (int n = 1; n <= 9; n++) {
      String r = row(lines, n);
      assertTrue(r.substring(verdict).startsWith("PASS") || r.substring(verdict).startsWith("FAIL"), r);
    }
  }

  @Test
  void failedAndStoppedStepsSayWhy() {
    List<String> lines = lines(CapacityResults.search());
    assertTrue(row(lines, 4).endsWith("12.0%  FAIL (stopped early)"), row(lines, 4));
    assertTrue(lines.contains("  step 4: p99_ttft_ms above 2x its limit"), String.join("\n", lines));
    assertTrue(row(lines, 5).endsWith("  FAIL"), row(lines, 5));
    assertTrue(row(lines, 8).contains(" repeat "), row(lines, 8));
  }

  @Test
  void searchEndsWithItsCapacityIntervalFlakyLoadsAndVerdict() {
    List<String> lines = lines(CapacityResults.search());
    assertTrue(lines.contains(String.format("%-40s %s", "Capacity (req/s):", "8")), String.join("\n", lines));
    assertTrue(lines.contains(String.format("%-40s %s", "Interval (req/s):", "[8, 9], width 12.5%")));
    assertTrue(lines.contains(String.format("%-40s %s", "Flaky loads (req/s):", "9")));
    assertFalse(lines.stream().anyMatch(l -> l.startsWith("Cliff:")));
    assertEquals("Capacity 8 req/s: passed at 8, failed at 9 (interval width 12.5%).", lines.get(lines.size() - 2));
  }

  @Test
  void latencyColumnsAreTheClauseMetricsThenDefaults() {
    CapacityResult base = CapacityResults.search();
    List<SummaryCheck> slo = SummaryCheck.parseAll("mean_tpot_ms<30;failed==0");
    CapacityResult r = new CapacityResult(base.mode(), base.dimension(), slo, base.steps(), base.capacity());
    String header = lines(r).stream().filter(l -> l.contains("Phase")).findFirst().orElseThrow();
    // The clause's own statistic for TPOT; P99 for TTFT and ITL, which no clause names; failed is no latency.
    assertTrue(header.contains("Per-user tok/s  Mean TPOT (ms)  P99 TTFT (ms)  P99 ITL (ms)  Failed"), header);
  }

  @Test
  void sweepHasNoCapacityLinesAndShowsMissingFiguresAsDashes() {
    CapacityResult sweep = CapacityResults.sweep();
    List<String> lines = lines(sweep);
    assertEquals("================== Sweep Result ==================", lines.get(0));
    assertFalse(lines.stream().anyMatch(l -> l.startsWith("SLO:") || l.startsWith("Capacity")));
    assertTrue(row(lines, 2).matches("2  throughput +all at once .*"), row(lines, 2));
    assertTrue(row(lines, 1).contains("synchronous  1 user "), row(lines, 1));

    StepResult s = sweep.steps().get(0);
    StepResult noTokens = new StepResult(s.number(), s.scenario(), s.load(), s.phase(),
        io.github.gatlingllm.metrics.BenchmarkSummary.builder(s.summary().run(), s.summary().options()).build(),
        java.util.Map.of(), List.of(), true, null, 1, 1, Double.NaN);
    String empty = row(lines(new CapacityResult(sweep.mode(), sweep.dimension(), List.of(), List.of(noTokens), null)),
        1);
    assertTrue(empty.matches(" ?1  synchronous  1 user +0\\.00 +0\\.0 +- +- +- +- +- +PASS"), empty);
  }

  @Test
  void unboundedSearchSaysWhichEndIsMissingAndShowsTheCliff() {
    CapacityResult base = CapacityResults.search();
    CapacityResult r = new CapacityResult(base.mode(), base.dimension(), base.slo(), base.steps().subList(0, 1),
        new CapacityResult.Capacity(Double.NaN, 2, "Below 2 req/s.", "TTFT x20 from 1 to 2 req/s", List.of()));
    List<String> lines = lines(r);
    assertTrue(lines.contains(String.format("%-40s %s", "Capacity (req/s):", "below 2")), String.join("\n", lines));
    assertTrue(lines.contains(String.format("%-40s %s", "Interval (req/s):", "(0, 2]: every load failed")));
    assertTrue(lines.contains(String.format("%-40s %s", "Cliff:", "TTFT x20 from 1 to 2 req/s")));
    assertFalse(lines.stream().anyMatch(l -> l.startsWith("Flaky")));
  }
}
