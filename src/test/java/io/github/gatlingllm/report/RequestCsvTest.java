package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.GoodputSlo;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryCalculator;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.metrics.TestRecords;
import io.github.gatlingllm.metrics.TokenSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** llm-requests.csv: layout, exact round trip, and the reader's errors. */
class RequestCsvTest {

  /** The header before the reasoning and cached-token columns: files written by older versions still read. */
  private static final String OLD_HEADER =
      RequestCsvFormat.header().substring(0, RequestCsvFormat.header().indexOf(",reasoning_tokens"));

  /** The header before the cached-token column (reasoning columns, no {@code cached_tokens}). */
  private static final String REASONING_HEADER =
      RequestCsvFormat.header().substring(0, RequestCsvFormat.header().indexOf(",cached_tokens"));

  static Path writeCsv(Path file, List<RequestRecord> records, RunOrigin origin) throws IOException {
    try (RequestCsvWriter writer = new RequestCsvWriter(file, origin)) {
      records.forEach(writer::onRecord);
    }
    return file;
  }

  @Test
  void headerAndOneRowAsASpreadsheetSeesThem(@TempDir Path dir) throws Exception {
    Path file = writeCsv(dir.resolve("r.csv"), List.of(TestRecords.scenario().get(0)), CsvRecords.ORIGIN);
    List<String> lines = Files.readAllLines(file);
    assertEquals(
        "scenario,user_id,request_id,request_name,run_origin_epoch_ms,intended_start_ms,send_ms,first_chunk_ms,"
            + "first_content_ms,last_chunk_ms,end_ms,ttft_ms,tpot_ms,itl_mean_ms,itl_max_ms,e2el_ms,client_queue_ms,"
            + "input_tokens,input_token_source,output_tokens,output_token_source,status,http_status,error_category,"
            + "error_detail,chunk_offsets_ns,reasoning_tokens,reasoning_token_source,cached_tokens",
        lines.get(0));
    // A: sent at 0 ms (1000 ms after the origin), chunks at 100 150 200 250, 4 tokens: TPOT 50 ms.
    assertEquals(
        ",0,0,chat,1700000000000,1000.000000,1000.000000,1100.000000,1150.000000,1250.000000,1260.000000,"
            + "100.000000,50.000000,50.000000,50.000000,250.000000,0.000000,10,usage,4,usage,ok,200,,,"
            + "100000000 150000000 200000000 250000000,,,",
        lines.get(1));
    assertEquals(2, lines.size());
  }

  @Test
  void everyFieldSurvivesTheRoundTripIncludingQuotedText(@TempDir Path dir) throws Exception {
    List<RequestRecord> records = CsvRecords.edgeCases();
    Path file = writeCsv(dir.resolve("r.csv"), records, CsvRecords.ORIGIN);
    List<RequestRecord> back = RequestCsvReader.read(file).records();
    assertEquals(records.size(), back.size());
    long shift = CsvRecords.ORIGIN.nanoTime(); // read times count from the origin
    for (int i = 0; i < records.size(); i++) {
      assertSame(records.get(i), back.get(i), shift);
    }
    assertEquals("bad \"token\", then\na new line\r\nand ,,, commas", back.get(5).errorDetail());
    assertEquals("name with \"quotes\", commas", back.get(5).requestName());
    assertEquals("chat, long", back.get(1).scenario());
    assertEquals(1_700_000_000_000L, RequestCsvReader.read(file).originEpochMillis());
  }

  private static void assertSame(RequestRecord e, RequestRecord a, long shift) {
    String id = "request " + e.requestId();
    assertEquals(e.requestName(), a.requestName(), id);
    assertEquals(e.scenario(), a.scenario(), id);
    assertEquals(e.userId(), a.userId(), id);
    assertEquals(e.requestId(), a.requestId(), id);
    assertEquals(e.intendedNanos() - shift, a.intendedNanos(), id);
    assertEquals(minus(e.sendNanos(), shift), a.sendNanos(), id);
    assertEquals(minus(e.firstContentNanos(), shift), a.firstContentNanos(), id);
    assertEquals(minus(e.endNanos(), shift), a.endNanos(), id);
    assertEquals(e.chunkCount(), a.chunkCount(), id);
    for (int c = 0; c < e.chunkCount(); c++) {
      assertEquals(e.chunkNanos(c) - shift, a.chunkNanos(c), id + " chunk " + c);
    }
    assertEquals(e.promptTokens(), a.promptTokens(), id);
    assertEquals(e.promptTokenSource(), a.promptTokenSource(), id);
    assertEquals(e.outputTokens(), a.outputTokens(), id);
    assertEquals(e.outputTokenSource(), a.outputTokenSource(), id);
    assertEquals(e.reasoningTokens(), a.reasoningTokens(), id);
    assertEquals(e.reasoningTokenSource(), a.reasoningTokenSource(), id);
    assertEquals(e.httpStatus(), a.httpStatus(), id);
    assertEquals(e.success(), a.success(), id);
    assertEquals(e.errorLabel(), a.errorLabel(), id);
    assertEquals(e.success() ? "" : e.errorDetail(), a.errorDetail(), id);
  }

  private static long minus(long nanos, long shift) {
    return nanos == RequestRecord.NONE ? nanos : nanos - shift;
  }

  /** The whole llm-summary.json (every key, per-request arrays, per-scenario sections) and the console block. */
  @Test
  void recomputeFromTheCsvEqualsTheLiveSummaryExactly(@TempDir Path dir) throws Exception {
    SummaryOptions opts =
        new SummaryOptions(List.of(50.0, 90.0, 99.0, 99.9), GoodputSlo.parse("ttft:200,tpot:20"), false, true);
    RunDescription run = TestRecords.run(16, 10.0);
    for (List<RequestRecord> records :
        List.of(CsvRecords.edgeCases(), CsvRecords.random(3000, 42, TestRecords.T0))) {
      Path file = writeCsv(dir.resolve("r.csv"), records, CsvRecords.ORIGIN);
      List<RequestRecord> back = RequestCsvReader.read(file).records();
      BenchmarkSummary live = SummaryCalculator.compute(records, run, opts);
      BenchmarkSummary recomputed = SummaryCalculator.compute(back, run, opts);
      assertEquals(json(live, records), json(recomputed, back));
      assertEquals(ConsoleBlock.render(live), ConsoleBlock.render(recomputed));
      assertTrue(json(live, records).contains("\"scenarios\""));
      assertTrue(live.failed() > 0 && live.itl().percentiles().size() == 4);
    }
  }

  /** Reasoning token counts and their sources come back, and the recompute gives the same totals. */
  @Test
  void reasoningColumnsRoundTripAndRecomputeTheSameTotals(@TempDir Path dir) throws Exception {
    List<RequestRecord> records = TestRecords.scenario();
    records.get(0).reasoningTokens(3, TokenSource.USAGE); // A: 4 output tokens
    records.get(2).reasoningTokens(2, TokenSource.CHUNKS); // C: 3 chunks, no usage
    Path file = writeCsv(dir.resolve("r.csv"), records, CsvRecords.ORIGIN);
    List<String> lines = Files.readAllLines(file);
    assertTrue(lines.get(1).endsWith(",3,usage,"), lines.get(1));
    assertTrue(lines.get(3).endsWith(",2,chunks,"), lines.get(3));
    assertTrue(lines.get(2).endsWith(",,,"), "unknown reasoning: both empty: " + lines.get(2));

    List<RequestRecord> back = RequestCsvReader.read(file).records();
    long shift = CsvRecords.ORIGIN.nanoTime();
    for (int i = 0; i < records.size(); i++) {
      assertSame(records.get(i), back.get(i), shift);
    }
    SummaryOptions opts = new SummaryOptions(List.of(99.0), null, false, false);
    RunDescription run = TestRecords.run(null, 10.0);
    BenchmarkSummary live = SummaryCalculator.compute(records, run, opts);
    BenchmarkSummary recomputed = SummaryCalculator.compute(back, run, opts);
    assertEquals(5, recomputed.totalReasoningTokens());
    assertEquals(live.totalOutputTokens() - 5, recomputed.totalAnswerTokens());
    assertEquals(json(live, records), json(recomputed, back));
    assertEquals(ConsoleBlock.render(live), ConsoleBlock.render(recomputed));

    String header = RequestCsvFormat.header() + "\n";
    String good = "s,1,1,chat,1700000000000,0.5,0.5,,,,1.0,,,,,,,,none,,none,failed,,no_choices,,,,,\n";
    assertEquals(-1, parse(header + good).get(0).reasoningTokens());
    assertError(header + good.replace(",,,,,\n", ",,,-2,usage,\n"), "column reasoning_tokens: '-2'");
    assertError(header + good.replace(",,,,,\n", ",,,2,guess,\n"), "column reasoning_token_source: 'guess'");
  }

  /**
   * Cached prompt tokens come back (empty = unknown, 0 = a reported miss), files from before the column read as
   * unknown, and a recompute over the CSV gives the live prefix-cache keys.
   */
  @Test
  void cachedTokensColumnRoundTripsAndOlderFilesReadAsUnknown(@TempDir Path dir) throws Exception {
    List<RequestRecord> records = TestRecords.cachedScenario();
    Path file = writeCsv(dir.resolve("r.csv"), records, CsvRecords.ORIGIN);
    List<String> lines = Files.readAllLines(file);
    assertTrue(lines.get(1).endsWith(",,8"), lines.get(1));
    assertTrue(lines.get(2).endsWith(",,0"), lines.get(2));
    assertTrue(lines.get(3).endsWith(",,,"), "unknown: empty: " + lines.get(3));
    List<RequestRecord> back = RequestCsvReader.read(file).records();
    for (int i = 0; i < records.size(); i++) {
      assertEquals(records.get(i).cachedTokens(), back.get(i).cachedTokens(), "request " + i);
    }
    SummaryOptions opts = new SummaryOptions(List.of(99.0), null, false, false);
    RunDescription run = TestRecords.run(null, 10.0);
    assertEquals(json(SummaryCalculator.compute(records, run, opts), records),
        json(SummaryCalculator.compute(back, run, opts), back));

    String row = "s,1,1,chat,1700000000000,0.5,0.5,,,,1.0,,,,,,,,none,,none,failed,,no_choices,,,,";
    assertEquals(RequestRecord.UNKNOWN_TOKENS, parse(REASONING_HEADER + "\n" + row + "\n").get(0).cachedTokens());
    assertEquals(7, parse(RequestCsvFormat.header() + "\n" + row + ",7\n").get(0).cachedTokens());
    assertError(RequestCsvFormat.header() + "\n" + row + ",-3\n", "column cached_tokens: '-3'");
  }

  static String json(BenchmarkSummary s, List<RequestRecord> records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SummaryJson.write(s, records, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void twoGeneratorsAreMergedOnTheirWallClockOrigins(@TempDir Path dir) throws Exception {
    // Generator A starts its run at epoch E, B 2.5 s later; their nanoTime clocks have unrelated origins.
    long epoch = 1_700_000_000_000L;
    List<RequestRecord> a = CsvRecords.random(400, 1, 7_000_000_000L);
    List<RequestRecord> b = CsvRecords.random(300, 2, 900_000_000_000L);
    Path fa = writeCsv(dir.resolve("a.csv"), a, new RunOrigin(epoch, 7_000_000_000L));
    Path fb = writeCsv(dir.resolve("b.csv"), b, new RunOrigin(epoch + 2_500, 900_000_000_000L));

    RequestCsvReader.Result merged = RequestCsvReader.read(fa, fb);
    assertEquals(epoch, merged.originEpochMillis());
    assertEquals(700, merged.records().size());

    // The same run measured on one clock: B's records moved to A's time line, 2.5 s after A's origin.
    List<RequestRecord> oneClock = new java.util.ArrayList<>(a);
    for (RequestRecord r : RequestCsvReader.read(fb).records()) {
      oneClock.add(shift(r, 7_000_000_000L + 2_500_000_000L));
    }
    SummaryOptions opts = new SummaryOptions(List.of(50.0, 99.0), null, false, false);
    RunDescription run = TestRecords.run(null, 10.0);
    BenchmarkSummary expected = SummaryCalculator.compute(oneClock, run, opts);
    BenchmarkSummary actual = SummaryCalculator.compute(merged.records(), run, opts);
    assertEquals(json(expected, oneClock), json(actual, merged.records()));
    BenchmarkSummary alone = SummaryCalculator.compute(a, run, opts);
    assertEquals(
        alone.completed() + SummaryCalculator.compute(b, run, opts).completed(), actual.completed());
    assertTrue(actual.durationSeconds() > alone.durationSeconds(), "B ends later on the wall clock");
  }

  /** A copy of a record read from a CSV (times from its origin), moved by {@code by} ns. */
  private static RequestRecord shift(RequestRecord r, long by) throws IOException {
    StringBuilder row = new StringBuilder(RequestCsvFormat.header()).append('\n');
    RequestCsvFormat.appendRow(r, new RunOrigin(0, -by), row);
    row.append('\n'); // as the writer ends every row: a last row without it would be a cut one
    return RequestCsvReader.read(new StringReader(row.toString()), "copy").records().get(0);
  }

  @Test
  void malformedValuesAreReportedWithFileLineAndColumn() {
    String header = OLD_HEADER + "\n";
    String good = "s,1,1,chat,1700000000000,0.5,0.5,,,,1.0,,,,,,,,none,,none,failed,,no_choices,,\n";
    assertEquals(1, parse(header + good).size());

    String badTime = good.replace(",0.5,0.5,", ",0.5,12a.5,");
    assertError(header + "\n" + badTime, "t.csv line 3, column send_ms: '12a.5' is not valid");
    assertError(header + good.replace(",1.0,", ",1.0000001,"), "column end_ms: '1.0000001' is not valid, expected "
        + "milliseconds with at most 6 decimals");
    assertError(header + good.replace(",none,failed", ",lots,failed"), "column output_token_source: 'lots'");
    assertError(header + good.replace("no_choices", "meltdown"), "column error_category: 'meltdown'");
    assertError(header + good.replace(",failed,", ",ok,"), "column status: 'ok' is not valid, expected 'failed'");
    assertError(header + good.replace("s,1,1,", "s,x,1,"), "column user_id: 'x' is not valid, expected a whole");
    assertError(header + good.replace(",,\n", ",,1 2 z\n"), "column chunk_offsets_ns");
    assertError(header + "s,\"unclosed,1\n", "t.csv line 2: a quoted field is not closed");
    assertError(header + "s,1\n", "t.csv line 2: 2 fields, the header has 26");
    assertError(header.replace("send_ms", "sent"), "the header has no column 'send_ms'");
    assertError("", "t.csv: empty file");
  }

  @Test
  void quotedLineBreaksCountTowardsLineNumbers() {
    String header = OLD_HEADER + "\n";
    String multiLine = "s,1,1,\"two\nlines\",1700000000000,0.5,0.5,,,,1.0,,,,,,,,none,,none,failed,,no_choices,,\n";
    assertEquals("two\nlines", parse(header + multiLine).get(0).requestName());
    assertError(header + multiLine + multiLine.replace(",1.0,", ",x,"), "t.csv line 4, column end_ms");
  }

  private static List<RequestRecord> parse(String csv) {
    try {
      return RequestCsvReader.read(new StringReader(csv), "t.csv").records();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertError(String csv, String expected) {
    RequestCsvReader.CsvFormatException e =
        assertThrows(
            RequestCsvReader.CsvFormatException.class, () -> RequestCsvReader.read(new StringReader(csv), "t.csv"));
    assertTrue(e.getMessage().contains(expected), e.getMessage() + "\n  does not contain\n" + expected);
  }
}
