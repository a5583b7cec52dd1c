package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.LoggedTimings;
import io.github.gatlingllm.metrics.MetricSamples;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.SampleBudget;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.metrics.TokenSource;
import io.github.gatlingllm.protocol.GatlingTimingRule;
import io.github.gatlingllm.protocol.ItlStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TTFT, TPOT and ITL rows added to the "Stats" table of a real Gatling 3.15.1 {@code index.html}
 * ({@link GatlingIndexSample}: a top-level "chat" row and a "chat" row in the user's group "turn"; shown duration 1 s,
 * 70 requests at 35/s, so Gatling divides counts by 2 s).
 */
class GatlingTableTimingRowsTest {
  private static final long MS = 1_000_000;
  private static final Pattern ROW = Pattern.compile("<tr id=\"([^\"]+)\" data-parent=\"([^\"]+)\"[^>]*>(.*?)</tr>",
      Pattern.DOTALL);
  private static final Pattern CELL = Pattern.compile("<td class=\"([^\"]*)\">([^<]*)</td>");

  /** Top level: TTFT 100, 200 and 301 ms, TPOT 50 and 60, mean gaps 50 and 60, and one failure; in "turn": one. */
  private static GatlingTimingStats stats() {
    GatlingTimingStats stats = new GatlingTimingStats(GatlingTimingRule.of(ItlStats.REQUEST_MEAN), 1_000);
    for (RequestRecord r : List.of(
        success(List.of(), 100, 150, 200, 250),
        success(List.of(), 200, 260),
        success(List.of(), 301),
        failed(List.of()),
        success(List.of("turn"), 80, 90, 100))) {
      stats.add(r);
    }
    return stats;
  }

  private static RequestRecord success(List<String> groups, long... chunkMillis) {
    RequestRecord r = new RequestRecord("chat");
    r.groups(groups);
    r.sent(0);
    for (long chunk : chunkMillis) {
      r.chunk(chunk * MS);
    }
    r.outputTokens(chunkMillis.length, TokenSource.USAGE);
    r.httpStatus(200);
    r.ended(chunkMillis[chunkMillis.length - 1] * MS);
    return r;
  }

  private static RequestRecord failed(List<String> groups) {
    RequestRecord r = new RequestRecord("chat");
    r.groups(groups);
    r.sent(0);
    r.httpStatus(500);
    r.failed(ErrorCategory.HTTP_STATUS, "boom");
    r.ended(3 * MS);
    return r;
  }

  /** The body table's rows in page order: id, parent and cells (class -> text). */
  private record Row(String id, String parent, String html, Map<String, String> cells) {
    String cell(int column) {
      for (Map.Entry<String, String> e : cells.entrySet()) {
        if (e.getKey().endsWith(" col-" + column)) {
          return e.getValue();
        }
      }
      return null;
    }

    List<String> classes() {
      return List.copyOf(cells.keySet());
    }
  }

  private static List<Row> bodyRows(String html) {
    int body = html.indexOf("<table id=\"container_statistics_body\"");
    Matcher m = ROW.matcher(html);
    m.region(body, html.indexOf("</table>", body));
    List<Row> rows = new ArrayList<>();
    while (m.find()) {
      Map<String, String> cells = new LinkedHashMap<>();
      Matcher c = CELL.matcher(m.group(3));
      while (c.find()) {
        cells.put(c.group(1), c.group(2));
      }
      rows.add(new Row(m.group(1), m.group(2), m.group(3), cells));
    }
    return rows;
  }

  @Test
  void eachTimingRowFollowsItsRequestRowInGatlingsMarkup() {
    String html = GatlingTableTimingRows.insert(GatlingIndexSample.INDEX_HTML, stats());
    List<Row> rows = bodyRows(html);
    assertEquals(
        List.of(
            "group_turn-3571837",
            "req_turn---chat--1252451924",
            "req_turn---chat--1252451924-llm-ttft",
            "req_turn---chat--1252451924-llm-tpot",
            "req_turn---chat--1252451924-llm-itl",
            "req_chat-3052376",
            "req_chat-3052376-llm-ttft",
            "req_chat-3052376-llm-tpot",
            "req_chat-3052376-llm-itl"),
        rows.stream().map(Row::id).toList());
    // siblings of their request: collapsing "turn" hides them with it, sorting keeps them in its group
    assertEquals("group_turn-3571837", rows.get(2).parent());
    assertEquals("ROOT", rows.get(6).parent());
    Row request = rows.get(5);
    for (Row added : List.of(rows.get(2), rows.get(6), rows.get(7), rows.get(8))) {
      assertEquals(request.classes(), added.classes(), "the same cells and classes as Gatling's rows");
      assertTrue(added.html().contains("class=\"ellipsed-name\">chat " + added.id().replaceAll(".*-llm-", "")
          .toUpperCase() + " <span class=\"llm-timing-tag\""), added.html());
      assertFalse(added.html().contains("<a "), "no link: Gatling wrote no page for the group");
      assertFalse(added.html().contains("href"), "no link");
      assertTrue(added.html().contains("class=\"expand-button hidden\""));
    }
    assertTrue(html.contains("data-llm-timing=\"TTFT\" title=\"LLM timing, not a request: "));
    // indented like the request they follow
    assertTrue(rows.get(2).html().contains("margin-left: 10px;"), rows.get(2).html());
    assertTrue(rows.get(6).html().contains("margin-left: 0px;"));
  }

  @Test
  void figuresAreThoseOfTheValuesGatlingHolds() {
    List<Row> rows = bodyRows(GatlingTableTimingRows.insert(GatlingIndexSample.INDEX_HTML, stats()));
    Row ttft = rows.get(6);
    // Total, OK, KO, % KO, Cnt/s (3 over Gatling's 2 s), Min, 50/90/95/99th pct, Max, Mean, Std Dev
    assertEquals(
        List.of("3", "3", "0", "0", "1.5", "100", "200", "281", "291", "299", "301", "200", "82"),
        cells(ttft), "TTFT 100, 200, 301 ms");
    assertEquals(List.of("2", "2", "0", "0", "1", "50", "55", "59", "60", "60", "60", "55", "5"),
        cells(rows.get(7)), "TPOT 50 and 60: the one-token answer has none");
    assertEquals(List.of("2", "2", "0", "0", "1", "50", "55", "59", "60", "60", "60", "55", "5"),
        cells(rows.get(8)), "ITL: one mean gap per request with more than one chunk");
    assertEquals(List.of("1", "1", "0", "0", "0.5", "80", "80", "80", "80", "80", "80", "80", "0"),
        cells(rows.get(2)), "the request in the user's group has its own rows");
  }

  private static List<String> cells(Row row) {
    List<String> cells = new ArrayList<>();
    for (int column = 2; column <= 14; column++) {
      cells.add(row.cell(column));
    }
    return cells;
  }

  @Test
  void thePercentileColumnsAreTheOnesInTheHeader() {
    String page = GatlingIndexSample.INDEX_HTML.replace("<span>99th pct</span>", "<span>99.9th pct</span>")
        .replace("<span>50th pct</span>", "<span>1st pct</span>");
    List<Row> rows = bodyRows(GatlingTableTimingRows.insert(page, stats()));
    List<String> ttft = cells(rows.get(6));
    assertEquals("102", ttft.get(6), "1st percentile: 100 + 0.02 * 100");
    assertEquals("301", ttft.get(9), "99.9th percentile: 200 + 0.998 * 101 = 300.8");
  }

  @Test
  void addingAgainReplacesTheRowsAndTheRestOfThePageIsUntouched() {
    String once = GatlingTableTimingRows.insert(GatlingIndexSample.INDEX_HTML, stats());
    assertEquals(once, GatlingTableTimingRows.insert(once, stats()));
    String withoutRows = once.replaceAll("(?s)<tr id=\"[^\"]*-llm-[a-z]+\" [^>]*>.*?</tr>", "");
    assertEquals(GatlingIndexSample.INDEX_HTML, withoutRows);
  }

  @Test
  void nothingToAddOrNoTableLeavesThePageAlone() {
    GatlingTimingStats none = new GatlingTimingStats(LoggedTimings.NONE, 1_000);
    none.add(success(List.of(), 100, 150));
    assertTrue(none.isEmpty());
    assertEquals(GatlingIndexSample.INDEX_HTML, GatlingTableTimingRows.insert(GatlingIndexSample.INDEX_HTML, none));
    String noTable = "<html><body><p>no stats</p></body></html>";
    assertEquals(noTable, GatlingTableTimingRows.insert(noTable, stats()));
  }

  @Test
  void requestNamesAreMatchedThroughGatlingsEscaping() {
    String page = GatlingIndexSample.INDEX_HTML.replace(
        "id=\"stats-table-req_chat-3052376\" class=\"ellipsed-name\">chat</span>",
        "id=\"stats-table-req_chat-3052376\" class=\"ellipsed-name\">ask &lt;root&gt; &amp; &eacute;t&#233;</span>");
    GatlingTimingStats stats = new GatlingTimingStats(GatlingTimingRule.of(ItlStats.NONE), 1_000);
    RequestRecord named = new RequestRecord("ask <root> & été");
    named.sent(0);
    named.chunk(40 * MS);
    named.outputTokens(1, TokenSource.USAGE);
    stats.add(named);
    List<Row> rows = bodyRows(GatlingTableTimingRows.insert(page, stats));
    assertEquals("req_chat-3052376-llm-ttft", rows.get(3).id());
    assertTrue(rows.get(3).html().contains(">ask &lt;root&gt; &amp; été TTFT <span"), rows.get(3).html());
    assertEquals(4, rows.size(), "the one-token answer has a TTFT only; the page's other chat rows have no values");
  }

  @Test
  void aRunsReportGetsTheSummaryAndTheRows(@TempDir Path dir) throws Exception {
    Path index = dir.resolve("index.html");
    Files.writeString(index, GatlingIndexSample.INDEX_HTML, StandardCharsets.UTF_8);
    RunRecording recording = new RunRecording(new SummaryOptions(List.of(99.0), null, false), 0,
        MetricSamples.DEFAULT_EXACT_LIMIT, SampleBudget.unlimited(), GatlingTimingRule.of(ItlStats.REQUEST_MEAN));
    for (RequestRecord r : List.of(success(List.of(), 100, 150, 200, 250), success(List.of("turn"), 80, 90))) {
      recording.add(r);
    }
    recording.advance(Long.MAX_VALUE);
    BenchmarkSummary summary = recording.summary(Summaries.run(null, Double.POSITIVE_INFINITY));
    HtmlReportInjector.inject(index, summary, recording, List.of(), null);
    String html = Files.readString(index);
    assertTrue(html.contains("<div id=\"llm-summary\""));
    List<Row> rows = bodyRows(html);
    assertEquals(List.of("group_turn-3571837", "req_turn---chat--1252451924", "req_turn---chat--1252451924-llm-ttft",
        "req_turn---chat--1252451924-llm-tpot", "req_turn---chat--1252451924-llm-itl", "req_chat-3052376",
        "req_chat-3052376-llm-ttft", "req_chat-3052376-llm-tpot", "req_chat-3052376-llm-itl"),
        rows.stream().map(Row::id).toList());
    assertNotNull(rows.get(6).cell(2));
    assertEquals("100", rows.get(6).cell(7));
  }
}
