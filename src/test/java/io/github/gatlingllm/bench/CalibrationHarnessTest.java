package io.github.gatlingllm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.bench.CalibrationOptions.Kind;
import io.github.gatlingllm.bench.CalibrationOptions.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calibration harness's parsing and arithmetic (the runs themselves are not part of the build). */
class CalibrationHarnessTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void levelsParseWithTheirOwnItl() {
    CalibrationOptions o = CalibrationOptions.parse(new String[] {"--levels=open:100,5000;closed:64,10000@500"});
    assertEquals(
        List.of(new Level(Kind.OPEN, 100, null), new Level(Kind.OPEN, 5000, null), new Level(Kind.CLOSED, 64, null),
            new Level(Kind.CLOSED, 10000, 500L)),
        o.levels());
    Level big = o.levels().get(3);
    assertEquals(500, big.itlMs(o));
    assertEquals(4.55, big.answerSeconds(o), 1e-9); // 50 ms + 9 x 500 ms
    assertEquals(10000 / 4.55, big.targetRate(o), 1e-9);
    assertEquals(32967, big.warmups(o)); // 15 s of 10,000 streams answering in 4.55 s
    assertEquals(10000, big.preconnect(o)); // one per stream
    Level open = o.levels().get(0);
    assertEquals(2000, open.measuredRequests(o)); // 100 req/s x 20 s
    assertEquals(1500, open.warmups(o)); // 15 s at 100 req/s
    assertEquals(22, open.preconnect(o)); // 1.5 x 100 x 0.14 s = 21, rounded up
    assertTrue(o.pinned());
  }

  @Test
  void badSettingsNameTheValue() {
    assertMessage("'fast'", "--levels=fast:1");
    assertMessage("'x'", "--levels=open:x");
    assertMessage("--tokens must be >= 1, got 0", "--tokens=0");
    assertMessage("--seconds must be > 0", "--seconds=0");
    assertMessage("--colour", "--colour=red");
    assertMessage("'pin'", "pin");
    assertMessage(">= 1, got 0", "--levels=closed:0");
  }

  @Test
  void openLagIsTheQueueTimeAndTheRateIsOverTheSends() throws Exception {
    // start_times as the plugin writes them when they count from start_nanotime; the first intended start is 0.
    JsonNode summary =
        JSON.readTree(
            "{\"start_nanotime\":1000000000,\"start_times\":[0.001,0.101,0.201,0.301,0.401],"
                + "\"queue_times\":[0.001,0.001,0.001,0.001,0.021],\"ttfts\":[0.05,0.05,0.05,0.05,0.05],"
                + "\"latencies\":[0.1,0.1,0.1,0.1,0.1]}");
    SendLag lag = SendLag.open(summary);
    assertEquals(1.0, lag.p50Ms(), 1e-9);
    assertEquals(21.0, lag.maxMs(), 1e-9);
    assertEquals(10.0, lag.achievedRate(), 1e-9); // 4 gaps over 0.4 s
    assertEquals(5, lag.sent());
  }

  @Test
  void sendTimesFromACsvReadBackSummaryAreShiftedBackOntoTheClock() throws Exception {
    // First intended start 1.0 s (start_nanotime); the CSV's zero at 0.3 s on the clock, unknown to the reader.
    // Sends at 1.001 and 1.101 s are 0.701 and 0.801 s in the CSV; minus start_nanotime: -0.299 and -0.199.
    JsonNode summary =
        JSON.readTree(
            "{\"start_nanotime\":1000000000,\"start_times\":[-0.299,-0.199],\"queue_times\":[0.001,0.001]}");
    double[] sends = LevelResult.sendNanotimes(summary);
    assertEquals(1_001_000_000.0, sends[0], 1.0);
    assertEquals(1_101_000_000.0, sends[1], 1.0);
  }

  @Test
  void closedLagPairsEachSendWithTheEndThatFreedItsSlot() throws Exception {
    // 2 slots; ends at 0.10 and 0.12; the third and fourth sends come 2 ms and 5 ms after them.
    JsonNode summary =
        JSON.readTree(
            "{\"start_nanotime\":0,\"start_times\":[0.0,0.02,0.102,0.125],\"queue_times\":[0,0.02,0.102,0.125],"
                + "\"latencies\":[0.1,0.1,0.1,0.1]}");
    SendLag lag = SendLag.closed(summary, 2);
    assertEquals(2.0, SendLag.percentile(new double[] {2.0, 5.0}, 0), 1e-9);
    assertEquals(3.5, lag.p50Ms(), 1e-6);
    assertEquals(5.0, lag.maxMs(), 1e-6);
    assertEquals(4 / 0.225, lag.achievedRate(), 1e-6); // 4 ends, the last at 0.225 s
  }

  @Test
  void csvKeepsEveryRowAndTheChartTakesTheNewestPerModeAndLevel(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("calibration.csv");
    CalibrationCsv.append(csv, result("20260101-000000", "pinned", "open", 100, 0.5, 2.0));
    CalibrationCsv.append(csv, result("20260102-000000", "pinned", "open", 100, 0.7, 3.0));
    CalibrationCsv.append(csv, result("20260101-000000", "unpinned", "closed", 64, -0.2, 0.1));
    List<Map<String, String>> rows = CalibrationCsv.read(csv);
    assertEquals(3, rows.size());
    assertEquals(CalibrationResult.CSV_COLUMNS.size(), rows.get(0).size());
    List<Map<String, String>> latest = CalibrationCsv.latest(rows);
    assertEquals(2, latest.size());
    assertEquals(0.7, CalibrationCsv.number(latest.get(0), "ttft_err_wire_ms"), 1e-9);

    // A file from a harness with fewer columns gets today's header, its values kept by name.
    Path old = dir.resolve("old.csv");
    Files.writeString(old, "run_id,mode,kind,level,ttft_err_wire_ms\n20250101-000000,pinned,open,500,0.9\n");
    CalibrationCsv.append(old, result("20260101-000000", "pinned", "open", 100, 0.5, 2.0));
    List<Map<String, String>> upgraded = CalibrationCsv.read(old);
    assertEquals(CalibrationResult.CSV_COLUMNS.size(), upgraded.get(0).size());
    assertEquals("0.9", upgraded.get(0).get("ttft_err_wire_ms"));
    assertEquals("", upgraded.get(0).get("lag_p99_ms"));

    Path svg = dir.resolve("calibration.svg");
    CalibrationChart.write(latest, svg);
    String text = Files.readString(svg);
    assertTrue(text.startsWith("<svg"), text);
    assertTrue(text.contains("open loop: target rate"), text);
    assertTrue(text.contains("closed loop: concurrent streams"), text);
    assertTrue(text.contains(">0.70<") && text.contains(">-0.20<"), text); // every point labelled, negatives too
    assertFalse(text.contains("NaN"), text);
  }

  @Test
  void theGcLogGivesTheCollectorAndTheLongestSafepoint(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("gc.log");
    Files.writeString(
        log,
        "[2026-12-04T05:01:42.001+0000][0.008s] Using Serial\n"
            + "[2026-12-04T05:01:43.700+0000][1.765s] GC(0) Pause Full (Metadata GC Threshold) 71M->10M(989M) 39.103ms\n"
            + "[2026-12-04T05:01:43.701+0000][1.766s] Safepoint \"Serial Full GC\", Time since last: 1 ns, Reaching"
            + " safepoint: 25000 ns, At safepoint: 39200000 ns, Total: 39225000 ns\n"
            + "[2026-12-04T05:01:44.000+0000][2.066s] Safepoint \"Cleanup\", Time since last: 1 ns, Reaching safepoint:"
            + " 5000 ns, At safepoint: 1000 ns, Total: 6000 ns\n");
    assertEquals("Serial", CalibrationResult.GcSummary.collectorOf(log));
    assertEquals(39.225, CalibrationResult.GcSummary.longestSafepointMs(log), 1e-9);
    List<GcLog.Collection> collections = new GcLog(log).next();
    assertEquals(1, collections.size());
    assertTrue(collections.get(0).full());
  }

  @Test
  void theMarkdownRowHasAsManyCellsAsTheHeader() throws Exception {
    String row = result("20260101-000000", "pinned", "open", 100, 0.5, 2.0).markdownRow();
    String[] header = CalibrationResult.MARKDOWN_HEADER.split("\n");
    assertEquals(cells(header[0]), cells(row), row);
    assertEquals(cells(header[0]), cells(header[1]));
  }

  private static long cells(String line) {
    return line.chars().filter(c -> c == '|').count();
  }

  @Test
  void aMissingSteadyWindowLeavesItsFiguresEmpty() throws Exception {
    CalibrationResult r = result("20260101-000000", "pinned", "open", 100, 0.5, 2.0);
    assertTrue(Double.isNaN(r.usPerRequest()));
    assertEquals("", r.csvValues().get(CalibrationResult.CSV_COLUMNS.indexOf("client_us_per_request")));
  }

  private static CalibrationResult result(String runId, String mode, String kind, int level, double errWire, double lagP99)
      throws Exception {
    CalibrationOptions o =
        CalibrationOptions.parse(mode.equals("pinned") ? new String[] {} : new String[] {"--unpinned"});
    Level l = new Level(kind.equals("open") ? Kind.OPEN : Kind.CLOSED, level, null);
    JsonNode summary =
        JSON.readTree("{\"completed\":10,\"failed\":0,\"mean_ttft_ms\":" + (50 + errWire) + ",\"errors_by_category\":{}}");
    JsonNode truth = JSON.readTree("{\"requests\":10,\"ttft_ms\":{\"mean\":50.0}}");
    CalibrationResult r =
        CalibrationResult.of(runId, "abc", o, l, summary, truth, new SendLag(1, lagP99, lagP99, level, 10),
            Optional.empty(), new CalibrationResult.GcSummary("G1", 0, 0, 0, 0, Double.NaN), "0.5");
    // no first-chunk time in this truth: the wire figure is NaN, so give the row the wire value directly
    return new CalibrationResult(r.runId(), r.commit(), r.mode(), r.label(), r.kind(), r.level(), r.ttftMs(),
        r.itlMs(), r.tokens(), r.clientCpus(), r.targetRate(), r.achievedRate(), r.measured(), r.completed(),
        r.failed(), r.failures(), r.truthRequests(), r.lagP50(), r.lagP99(), r.lagMax(), r.clientMeanTtft(), 50.0,
        r.serverMeanTtft(), r.clientMedianItl(), r.serverMedianItl(), r.clientP99Itl(), r.serverP99Itl(),
        r.clientWorkCores(), r.clientJitCores(), r.clientGcCores(), r.usPerRequest(), r.usPerChunk(),
        r.windowRequests(), r.connections(), r.gcCount(), r.gcMaxPauseMs(), r.heapMaxAfterGcMb(), r.serverCores(),
        r.serverLateMean(), r.serverLateP99(), r.serverLateMax(), r.loadBefore(), r.windowConnections(), r.gcCollector(),
        r.gcFullCount(), r.healthLagP99(), r.healthLagMax(), r.healthFlagged(), r.healthBottleneck(),
        r.safepointMaxMs());
  }

  private static void assertMessage(String expected, String arg) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CalibrationOptions.parse(new String[] {arg}));
    assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' lacks " + expected);
  }
}
