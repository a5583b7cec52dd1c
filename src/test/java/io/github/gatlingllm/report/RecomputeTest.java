package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.GoodputSlo;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RampUp;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryCalculator;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.metrics.TestRecords;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: what a user runs on a run folder, or on the folders of several load generators. */
class RecomputeTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Recompute.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A live run's folder: its CSV and its llm-summary.json (which holds the run description). */
  private static Path runFolder(Path dir, List<RequestRecord> records, RunDescription run, SummaryOptions opts)
      throws Exception {
    Files.createDirectories(dir);
    RequestCsvTest.writeCsv(dir.resolve(RequestCsvWriter.FILE_NAME), records, CsvRecords.ORIGIN);
    BenchmarkSummary live = SummaryCalculator.compute(records, run, opts);
    SummaryJson.write(live, records, dir.resolve(SummaryJson.FILE_NAME));
    return dir.resolve(RequestCsvWriter.FILE_NAME);
  }

  @Test
  void recomputesAFolderIntoTheSameSummaryAndBlock(@TempDir Path dir) throws Exception {
    List<RequestRecord> records = CsvRecords.random(500, 7, TestRecords.T0);
    RunDescription run = TestRecords.run(8, 4.0);
    SummaryOptions opts = new SummaryOptions(List.of(50.0, 90.0, 99.0), GoodputSlo.parse("ttft:500"), false, false);
    Path csv = runFolder(dir.resolve("run"), records, run, opts);
    Path out = dir.resolve("out");

    Outcome o = run("--percentiles=50,90,99", "--goodput=ttft:500", "--out=" + out, csv.toString());

    assertEquals(0, o.code(), o.err());
    BenchmarkSummary live = SummaryCalculator.compute(records, run, opts);
    assertTrue(o.out().startsWith(ConsoleBlock.render(live)), o.out());
    assertEquals(ConsoleBlock.render(live), Files.readString(out.resolve(SummaryText.FILE_NAME)));
    JsonNode expected = MAPPER.readTree(dir.resolve("run").resolve(SummaryJson.FILE_NAME).toFile());
    JsonNode actual = MAPPER.readTree(out.resolve(SummaryJson.FILE_NAME).toFile());
    assertEquals(csv.toString(), actual.get("recomputed_from").asText());
    ((com.fasterxml.jackson.databind.node.ObjectNode) actual).remove("recomputed_from");
    assertEquals(expected, actual, "description from the saved summary, every figure identical");
    assertFalse(actual.has("ttfts"), "no per-request arrays without --save-detailed");
    // The records report cached tokens (CsvRecords.random): the cached_tokens column carries them into the recompute.
    assertTrue(actual.get("prefix_cache_hit_rate").isNumber(), actual.toString());
    assertTrue(actual.get("cache_hit_requests").asLong() > 0 && actual.get("cache_miss_requests").asLong() > 0);
    assertTrue(o.out().contains("Prefix cache (client side)"), o.out());
  }

  @Test
  void mergesTheFilesOfTwoGenerators(@TempDir Path dir) throws Exception {
    RunDescription run = TestRecords.run(8, 4.0);
    SummaryOptions opts = new SummaryOptions(List.of(99.0), null, false, false);
    Path a = runFolder(dir.resolve("a"), CsvRecords.random(200, 1, TestRecords.T0), run, opts);
    Path b = runFolder(dir.resolve("b"), CsvRecords.random(100, 2, TestRecords.T0), run, opts);

    Outcome o = run("--save-detailed", "--out=" + dir.resolve("merged"), a.toString(), b.toString());

    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("Merged 2 files"), o.out());
    JsonNode merged = MAPPER.readTree(dir.resolve("merged").resolve(SummaryJson.FILE_NAME).toFile());
    JsonNode single = MAPPER.readTree(dir.resolve("a").resolve(SummaryJson.FILE_NAME).toFile());
    assertEquals(10, merged.get("num_prompts").asInt(), "each generator's share adds up (5 + 5)");
    assertEquals(8.0, merged.get("request_rate").asDouble());
    assertEquals(16, merged.get("max_concurrency").asInt());
    assertEquals(300, merged.get("input_lens").size());
    assertEquals(
        single.get("completed").asInt()
            + MAPPER.readTree(dir.resolve("b").resolve(SummaryJson.FILE_NAME).toFile()).get("completed").asInt(),
        merged.get("completed").asInt());
    assertTrue(merged.has("scenarios"));
  }

  @Test
  void aSavedRampIsKeptAndTheRampsOfTwoGeneratorsAddUp(@TempDir Path dir) throws Exception {
    RunDescription fixed = TestRecords.run(null, Double.POSITIVE_INFINITY);
    RunDescription ramped = TestRecords.ramped(RampUp.linear(1, 6));
    SummaryOptions opts = new SummaryOptions(List.of(99.0), null, false, false);
    Path a = runFolder(dir.resolve("a"), CsvRecords.random(50, 1, TestRecords.T0), ramped, opts);
    Path b = runFolder(dir.resolve("b"), CsvRecords.random(50, 2, TestRecords.T0), ramped, opts);
    Path c = runFolder(dir.resolve("c"), CsvRecords.random(50, 3, TestRecords.T0), fixed, opts);

    assertEquals(0, run("--out=" + dir.resolve("one"), a.toString()).code());
    JsonNode one = MAPPER.readTree(dir.resolve("one").resolve(SummaryJson.FILE_NAME).toFile());
    assertEquals("linear", one.get("ramp_up_strategy").asText());
    assertEquals(1.0, one.get("ramp_up_start_rps").asDouble());
    assertEquals(6.0, one.get("ramp_up_end_rps").asDouble());

    assertEquals(0, run("--out=" + dir.resolve("two"), a.toString(), b.toString()).code());
    JsonNode two = MAPPER.readTree(dir.resolve("two").resolve(SummaryJson.FILE_NAME).toFile());
    assertEquals(2.0, two.get("ramp_up_start_rps").asDouble());
    assertEquals(12.0, two.get("ramp_up_end_rps").asDouble());

    assertEquals(0, run("--out=" + dir.resolve("mixed"), a.toString(), c.toString()).code());
    assertFalse(MAPPER.readTree(dir.resolve("mixed").resolve(SummaryJson.FILE_NAME).toFile()).has("ramp_up_strategy"),
        "a ramp merged with a fixed rate describes neither");
  }

  @Test
  void withoutASavedSummaryTheDescriptionIsUnknown(@TempDir Path dir) throws Exception {
    Path csv = RequestCsvTest.writeCsv(dir.resolve("x.csv"), CsvRecords.edgeCases(), CsvRecords.ORIGIN);
    Outcome o = run("--out=" + dir.resolve("o"), csv.toString());
    assertEquals(0, o.code(), o.err());
    JsonNode json = MAPPER.readTree(dir.resolve("o").resolve(SummaryJson.FILE_NAME).toFile());
    assertEquals("unknown", json.get("model_id").asText());
    assertEquals(8, json.get("num_prompts").asInt(), "the requests read");
    assertEquals("inf", json.get("request_rate").asText());
  }

  @Test
  void badArgumentsAndFilesAreNamed(@TempDir Path dir) throws Exception {
    Outcome noFile = run("--percentiles=99");
    assertEquals(2, noFile.code());
    assertTrue(noFile.err().contains("No CSV file given") && noFile.err().contains("Usage:"), noFile.err());
    Outcome missing = run(dir.resolve("nope.csv").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("No such file: '" + dir.resolve("nope.csv") + "'"), missing.err());
    Outcome option = run("--percentile=99", "x.csv");
    assertTrue(option.err().contains("Unknown option '--percentile=99'"), option.err());
    Outcome percentile = run("--percentiles=99,abc", "x.csv");
    assertTrue(percentile.err().contains("Invalid percentile 'abc'"), percentile.err());
    Path broken = dir.resolve("broken.csv");
    Files.writeString(broken, "just,a,header\n");
    Outcome malformed = run("--out=" + dir, broken.toString());
    assertEquals(1, malformed.code());
    assertTrue(malformed.err().contains(broken + " line 1: the header has no column 'scenario'"), malformed.err());
    assertEquals(0, run("--help").code());
  }

  /** An injector's folder: its CSV (written with {@code origin}) and an llm-summary.json holding {@code runId}. */
  private static Path injectorFolder(Path dir, List<RequestRecord> records, RunOrigin origin, String runId)
      throws Exception {
    Files.createDirectories(dir);
    RequestCsvTest.writeCsv(dir.resolve(RequestCsvWriter.FILE_NAME), records, origin);
    SummaryOptions opts = new SummaryOptions(List.of(99.0), null, false, false);
    BenchmarkSummary live = SummaryCalculator.compute(records, TestRecords.run(8, 4.0), opts);
    SummaryJson.write(
        live, java.util.Map.of(), List.of(), java.util.Map.of("run_id", runId), dir.resolve(SummaryJson.FILE_NAME));
    return dir.resolve(RequestCsvWriter.FILE_NAME);
  }

  /** Records whose request ids are injector {@code index}'s of {@code count}: index + 1, index + 1 + count, ... */
  private static List<RequestRecord> numbered(List<RequestRecord> records, int index, int count) {
    for (int n = 0; n < records.size(); n++) {
      RequestRecord r = records.get(n);
      r.origin(r.scenario(), r.userId(), index + 1 + (long) n * count);
    }
    return records;
  }

  @Test
  void mergesAFleetAndWritesAStandalonePageWithItsAssets(@TempDir Path dir) throws Exception {
    Path a = injectorFolder(dir.resolve("a"), numbered(CsvRecords.random(40, 1, TestRecords.T0), 0, 2),
        CsvRecords.ORIGIN, "run-7");
    Path b = injectorFolder(dir.resolve("b"), numbered(CsvRecords.random(30, 2, TestRecords.T0), 1, 2),
        CsvRecords.ORIGIN, "run-7");

    Outcome o = run("--out=" + dir.resolve("merged"), a.toString(), b.toString());

    assertEquals(0, o.code(), o.err());
    JsonNode merged = MAPPER.readTree(dir.resolve("merged").resolve(SummaryJson.FILE_NAME).toFile());
    assertEquals("run-7", merged.get("run_id").asText());
    assertEquals(2, merged.get("merged_files").asInt());
    String page = Files.readString(dir.resolve("merged").resolve(StandaloneReport.FILE_NAME));
    assertTrue(page.contains("<div id=\"llm-summary\""), "the LLM block");
    assertTrue(page.contains("id=\"llm-report-data\""), "with its charts' data");
    for (String asset : List.of("js/highstock.js", "js/highcharts-more.js", "js/theme.js", "style/style.css")) {
      assertTrue(page.contains("\"" + asset + "\""), asset);
      assertTrue(Files.size(dir.resolve("merged").resolve(asset)) > 0, asset + " copied next to the page");
    }
  }

  @Test
  void filesOfTwoRunsAreRefusedNamingTheirIds(@TempDir Path dir) throws Exception {
    Path a = injectorFolder(dir.resolve("a"), numbered(CsvRecords.random(10, 1, TestRecords.T0), 0, 2),
        CsvRecords.ORIGIN, "run-7");
    Path b = injectorFolder(dir.resolve("b"), numbered(CsvRecords.random(10, 2, TestRecords.T0), 1, 2),
        CsvRecords.ORIGIN, "run-8");

    Outcome o = run("--out=" + dir.resolve("merged"), a.toString(), b.toString());

    assertEquals(3, o.code());
    assertTrue(o.err().contains("their run ids differ"), o.err());
    assertTrue(o.err().contains(a + ": run-7") && o.err().contains(b + ": run-8"), o.err());
    assertFalse(Files.exists(dir.resolve("merged").resolve(SummaryJson.FILE_NAME)), "nothing written");
  }

  @Test
  void clocksFurtherApartThanTheToleranceAreRefused(@TempDir Path dir) throws Exception {
    RunOrigin late = new RunOrigin(CsvRecords.ORIGIN.epochMillis() + 90_000, CsvRecords.ORIGIN.nanoTime());
    Path a = injectorFolder(dir.resolve("a"), numbered(CsvRecords.random(10, 1, TestRecords.T0), 0, 2),
        CsvRecords.ORIGIN, "run-7");
    Path b = injectorFolder(dir.resolve("b"), numbered(CsvRecords.random(10, 2, TestRecords.T0), 1, 2), late, "run-7");

    Outcome o = run("--out=" + dir.resolve("merged"), a.toString(), b.toString());

    assertEquals(3, o.code());
    assertTrue(o.err().contains("run origins are 90.0 s apart, more than the clock tolerance of 60.0 s"), o.err());
    assertTrue(o.err().contains(a + " starts at") && o.err().contains(b + " at"), o.err());
    assertEquals(0, run("--clock-tolerance=2m", "--out=" + dir.resolve("m2"), a.toString(), b.toString()).code());
  }

  @Test
  void aRequestIdInTwoFilesIsRefusedNamingBoth(@TempDir Path dir) throws Exception {
    Path a = injectorFolder(dir.resolve("a"), numbered(CsvRecords.random(10, 1, TestRecords.T0), 0, 2),
        CsvRecords.ORIGIN, "run-7");
    Path b = injectorFolder(dir.resolve("b"), numbered(CsvRecords.random(10, 2, TestRecords.T0), 0, 2),
        CsvRecords.ORIGIN, "run-7");

    Outcome o = run("--out=" + dir.resolve("merged"), a.toString(), b.toString());

    assertEquals(3, o.code());
    assertTrue(o.err().startsWith("Request id 1 appears in " + a + " and in " + b), o.err());
  }
}
