package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.GoodputSlo;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.RunDescription;
import io.github.gatlingllm.metrics.SummaryCalculator;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.metrics.TestRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full report ({@link HtmlSummaryBlock#forRun}) on TestRecords' hand-made run (see TimeSeriesTest's table). */
class HtmlLlmReportTest {
  private static final Pattern DATA = Pattern.compile(
      "<script type=\"application/json\" id=\"llm-report-data\">(.*?)</script>", Pattern.DOTALL);
  private static final List<String> ALWAYS = List.of(
      "llm-chart-ttft", "llm-chart-tpot", "llm-chart-itl", "llm-chart-e2el", "llm-chart-throughput");

  private static BenchmarkSummary summarize(List<RequestRecord> records) {
    return SummaryCalculator.compute(records, TestRecords.run(null, 1.0), SummaryOptions.defaults());
  }

  private static String render(List<RequestRecord> records, HtmlSummaryBlock.Part... extra) {
    return HtmlSummaryBlock.forRun(records, List.of(extra)).render(summarize(records));
  }

  private static JsonNode data(String html) throws Exception {
    Matcher m = DATA.matcher(html);
    assertTrue(m.find(), "chart data element");
    return new ObjectMapper().readTree(m.group(1));
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static double[] doubles(JsonNode array) {
    double[] v = new double[array.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = array.get(i).isNull() ? Double.NaN : array.get(i).asDouble();
    }
    return v;
  }

  @Test
  void everyChartHasAContainerAndItsData() throws Exception {
    String html = render(TestRecords.scenario());
    for (String id : ALWAYS) {
      assertEquals(1, count(html, "<div id=\"" + id + "\""), id);
      String key = id.substring("llm-chart-".length());
      assertTrue(HtmlResources.JS.contains("'" + id + "'") || HtmlResources.JS.contains("  " + key + ": ["),
          "the script draws " + id);
    }
    // B waited 100 ms (queue chart), D and E failed (errors chart), A and B have prompt counts (scatter).
    assertTrue(html.contains("<div id=\"llm-chart-queue\""));
    assertTrue(html.contains("<div id=\"llm-chart-errors\""));
    assertTrue(html.contains("<div id=\"llm-chart-prompt-ttft\""));
    assertFalse(html.contains("llm-chart-scenarios\""), "one scenario: no per-scenario chart");
    assertFalse(html.contains("LLM Results per Scenario"), "one scenario: no per-scenario table");
    assertEquals(count(html, "<div"), count(html, "</div>"));

    JsonNode d = data(html);
    // TTFTs of A, C, B: 100, 100, 300 ms; (300 - 100) / 60 -> 5 ms bins from 100: 41 bins, 2 in the first, 1 last.
    JsonNode ttft = d.get("latency").get("ttft").get("hist");
    assertEquals(100, ttft.get("start").asDouble());
    assertEquals(5, ttft.get("width").asDouble());
    assertEquals(41, ttft.get("counts").size());
    assertEquals(2, ttft.get("counts").get(0).asInt());
    assertEquals(1, ttft.get("counts").get(40).asInt());
    assertEquals(0, ttft.get("above").asInt());
    assertEquals(3, d.get("latency").get("ttft").get("curve").get("n").asInt());
    // TPOT: A (250 - 100) / 3 = 50 ms and C, counted by its 3 chunks, (850 - 350) / 2 = 250 ms; B has 1 token.
    assertEquals(2, d.get("latency").get("tpot").get("hist").get("n").asInt());
    assertEquals(150, d.get("latency").get("tpot").get("mean").asDouble());
    // ITL: A 50, 50, 50; B 900; C 100, 400.
    assertEquals(6, d.get("latency").get("itl").get("hist").get("n").asInt());
    assertEquals(99, d.get("latency").get("e2el").get("percentiles").get(0).get(0).asDouble());

    JsonNode time = d.get("time");
    assertEquals(1, time.get("width").asDouble());
    assertEquals(List.of(7.5, 0.5, 0.0), List.of(doubles(time.get("outputTps"))[0], doubles(time.get("outputTps"))[1],
        doubles(time.get("outputTps"))[2]));
    assertEquals("[1.83,1.31,0]", time.get("inFlightMean").toString());
    assertEquals("[3,2,0]", time.get("inFlightPeak").toString());
    assertFalse(time.has("scenarios"));
    assertEquals("[25,0,null]", d.get("queue").get("mean").toString());
    assertEquals("[\"HTTP 503\",\"idle timeout\"]", d.get("errors").get("labels").toString());
    assertEquals("[[1,0,0],[0,0,1]]", d.get("errors").get("perSecond").toString());
    assertEquals("[[10,100],[20,300]]", d.get("promptTtft").get("points").toString());
    assertFalse(d.has("scenarios"));
  }

  @Test
  void keyFiguresIncludeLlmOnRaysAverages() {
    String html = render(TestRecords.scenario());
    // Per output token: A 250 ms / 4, B 1200 ms / 1, C 600 ms / 3 chunks -> (62.5 + 1200 + 200) / 3 = 487.5 ms.
    assertTrue(html.contains("<div class=\"llm-figure-value\">487.50<span class=\"llm-figure-unit\">ms</span></div>"
        + "<div class=\"llm-figure-label\">Average latency per output token</div>"), html);
    // Mean E2EL (250, 1200, 600) = 683.33; mean TTFT (100, 300, 100) = 166.67; mean TPOT (50, 250) = 150.
    assertTrue(html.contains(">683.33<span class=\"llm-figure-unit\">ms</span></div>"
        + "<div class=\"llm-figure-label\">Average latency per request (mean E2EL)</div>"));
    assertTrue(html.contains(">166.67<span class=\"llm-figure-unit\">ms</span></div>"
        + "<div class=\"llm-figure-label\">Average first-token latency (mean TTFT)</div>"));
    assertTrue(html.contains(">150.00<span class=\"llm-figure-unit\">ms</span></div>"
        + "<div class=\"llm-figure-label\">Average next-token latency (mean TPOT)</div>"));
    assertTrue(html.contains("<div class=\"llm-figure llm-ko\"><div class=\"llm-figure-value\">3 / 2</div>"));
    assertTrue(html.contains("P99 first-token latency"), "without SLOs, the TTFT tail");
    assertEquals("1,234,567.89", HtmlKeyFigures.number(1234567.891));
    assertEquals("-1,000.00", HtmlKeyFigures.number(-1000));
    assertEquals("999.00", HtmlKeyFigures.number(999));
  }

  @Test
  void goodputTileWhenSlosAreGiven() {
    List<RequestRecord> rs = TestRecords.scenario();
    SummaryOptions opts = new SummaryOptions(List.of(99.0), GoodputSlo.parse("ttft:150"), false);
    BenchmarkSummary s = SummaryCalculator.compute(rs, TestRecords.run(null, 1.0), opts);
    String html = HtmlSummaryBlock.forRun(rs, List.of()).render(s);
    // A and C met TTFT <= 150 ms: 2 of 5 requests.
    assertTrue(html.contains("Request goodput (40.00% of requests met the SLOs)"));
  }

  @Test
  void severalScenariosGetRowsAChartAndEscapedNames() throws Exception {
    List<RequestRecord> rs = TestRecords.scenario();
    String nasty = "c=8 </script><b>\"x\" & 'y'";
    for (int i = 0; i < rs.size(); i++) {
      rs.get(i).origin(i < 3 ? nasty : "c=16", 1, i + 1);
    }
    String html = render(rs);
    assertTrue(html.contains("LLM Results per Scenario"));
    assertTrue(html.contains("<div id=\"llm-chart-scenarios\""));
    assertTrue(html.contains("<td class=\"total\">c=8 &lt;/script&gt;&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;</td>"));
    assertTrue(html.contains("<td class=\"total\">c=16</td>"));
    assertFalse(html.substring(0, html.indexOf("<script>")).contains("<b>"), "no markup from a name");
    assertEquals(2, count(html.toLowerCase(java.util.Locale.ROOT), "</script"), "only our two closing tags");
    assertEquals(2, count(html, "<tr><td class=\"total\">c="), "one row each");

    JsonNode d = data(html);
    assertEquals(2, d.get("scenarios").size());
    assertEquals(nasty, d.get("scenarios").get(0).get("name").asText(), "JSON decodes back to the name");
    assertEquals("c=16", d.get("scenarios").get(1).get("name").asText());
    assertEquals(3, d.get("scenarios").get(0).get("requests").asInt());
    assertEquals(2, d.get("time").get("scenarios").size());
    assertEquals(0, d.get("time").get("scenarios").get(0).get("from").asDouble());
  }

  @Test
  void extraPartsComeAfterTheTablesAndBeforeTheCharts() {
    List<RequestRecord> rs = TestRecords.scenario();
    String html = render(rs, s -> HtmlSummaryBlock.box("SLO checks", null, "<p>slo: " + s.completed() + "</p>\n"));
    int table = html.indexOf("LLM Serving Benchmark Result");
    int extra = html.indexOf("<p>slo: 3</p>");
    int charts = html.indexOf("<div class=\"llm-grid\">");
    assertTrue(table > 0 && table < extra && extra < charts, table + " " + extra + " " + charts);
    assertTrue(html.contains("<div class=\"title\"><span>SLO checks</span></div>"));
  }

  @Test
  void noRecordsStillRenders() throws Exception {
    BenchmarkSummary s = summarize(List.of());
    String html = HtmlSummaryBlock.forRun(List.of(), List.of()).render(s);
    JsonNode d = data(html);
    assertEquals(0, d.get("latency").get("ttft").get("hist").get("n").asInt());
    assertEquals("[0]", d.get("time").get("outputTps").toString());
    assertFalse(d.has("errors"));
    assertFalse(d.has("queue"));
  }

  @Test
  void reInjectingReplacesTheWholeReport(@TempDir Path dir) throws Exception {
    Path index = dir.resolve("index.html");
    Files.writeString(index, GatlingIndexSample.INDEX_HTML, StandardCharsets.UTF_8);
    List<RequestRecord> rs = TestRecords.scenario();
    BenchmarkSummary s = summarize(rs);
    HtmlReportInjector.inject(index, s, rs, List.of());
    String once = Files.readString(index);
    HtmlReportInjector.inject(index, s, rs, List.of());
    assertEquals(once, Files.readString(index), "same run twice: same bytes");
    assertEquals(1, count(once, "<div id=\"llm-summary\""));
    assertTrue(once.indexOf("<div id=\"llm-summary\"") < once.indexOf("<div id=\"statistics_table_container\">"));
    assertEquals(GatlingIndexSample.INDEX_HTML,
        once.replace(HtmlSummaryBlock.forRun(rs, List.of()).render(s) + "\n", ""));

    // The table-only overload replaces the whole report, charts and scripts included.
    HtmlReportInjector.inject(index, s);
    String tableOnly = Files.readString(index);
    assertFalse(tableOnly.contains("llm-report-data"));
    assertEquals(GatlingIndexSample.INDEX_HTML, tableOnly.replace(new HtmlSummaryBlock().render(s) + "\n", ""));
  }

  @Test
  void aHundredThousandRequestsStayLight() throws Exception {
    List<RequestRecord> rs = SyntheticRun.generate(25_000, new int[] {8, 32, 64, 128}, 24, 7);
    assertEquals(100_000, rs.size());
    RunDescription run = new RunDescription("openai-chat", null, null, "m", null, rs.size(),
        Double.POSITIVE_INFINITY, 1.0, 128, 0L);
    BenchmarkSummary s = SummaryCalculator.compute(rs, run, new SummaryOptions(List.of(99.0, 99.9), null, false));
    String html = HtmlSummaryBlock.forRun(rs, List.of()).render(s);
    int bytes = html.getBytes(StandardCharsets.UTF_8).length;
    assertTrue(bytes < 500_000, "fragment of " + bytes + " bytes");
    JsonNode d = data(html);
    assertTrue(d.get("time").get("outputTps").size() <= 1000);
    assertEquals(1000, d.get("promptTtft").get("points").size());
    assertEquals(100_000 - s.failed(), d.get("promptTtft").get("total").asInt());
    assertEquals(4, d.get("scenarios").size());
    for (String m : List.of("ttft", "tpot", "itl", "e2el")) {
      assertTrue(d.get("latency").get(m).get("hist").get("counts").size() <= 61, m);
    }
  }

  /** A conversation run: round 1 sends the opening, round 2 resends it with the answer; each round's TTFT. */
  @Test
  void conversationRunsGetTtftByRound() {
    List<RequestRecord> rs = new java.util.ArrayList<>();
    long ms = 1_000_000L;
    int[][] userRoundTtftPrompt = {{1, 1, 120, 300}, {2, 1, 100, 300}, {1, 2, 40, 360}, {2, 2, 60, 364}};
    long t = 0;
    for (int[] u : userRoundTtftPrompt) {
      RequestRecord r = new RequestRecord("multi-round-qa");
      r.conversation(u[0], u[1]);
      r.intended(t);
      r.sent(t);
      r.chunk(t + u[2] * ms);
      r.chunk(t + (u[2] + 10) * ms);
      r.promptTokens(u[3], io.github.gatlingllm.metrics.TokenSource.USAGE);
      r.ended(t + (u[2] + 10) * ms);
      rs.add(r);
      t += 500 * ms;
    }
    String html = render(rs);
    assertTrue(html.contains("TTFT by Conversation Round"), html);
    assertTrue(
        html.contains("<tr><td class=\"total\">1</td><td class=\"value total\">2</td>"
            + "<td class=\"value total\">300.0</td><td class=\"value total\">110.00</td>"),
        html);
    assertTrue(
        html.contains("<tr><td class=\"total\">2</td><td class=\"value total\">2</td>"
            + "<td class=\"value total\">362.0</td><td class=\"value total\">50.00</td>"),
        html);
    assertEquals(false, render(TestRecords.scenario()).contains("TTFT by Conversation Round"));
  }
}
