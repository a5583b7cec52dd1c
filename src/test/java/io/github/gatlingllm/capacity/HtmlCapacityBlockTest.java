package io.github.gatlingllm.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.report.HtmlSummaryBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlCapacityBlockTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String html(CapacityResult r) {
    StringBuilder sb = new StringBuilder();
    for (HtmlSummaryBlock.Part p : HtmlCapacityBlock.parts(r)) {
      sb.append(p.render(r.steps().get(0).summary()));
    }
    return sb.toString();
  }

  /** The chart data as the page's script reads it (JSON.parse decodes the \\u escapes, as Jackson does). */
  private static JsonNode data(String html) throws Exception {
    Matcher m = Pattern.compile("<script type=\"application/json\" id=\"" + HtmlCapacityBlock.DATA_ID + "\">(.*?)"
        + "</script>", Pattern.DOTALL).matcher(html);
    assertTrue(m.find());
    return JSON.readTree(m.group(1));
  }

  private static List<Double> values(JsonNode points, String field) {
    List<Double> v = new ArrayList<>();
    points.forEach(p -> v.add(p.get(field).asDouble()));
    return v;
  }

  @Test
  void tableHasTheConsoleColumnsOneRowPerStepAndFailedRowsInKo() {
    String html = html(CapacityResults.search());
    assertTrue(html.contains("<span>LLM Capacity Search</span><span class=\"llm-note\">Capacity 8 req/s: passed at 8,"
        + " failed at 9 (interval width 12.5%).</span>"), html);
    assertTrue(html.contains("<th class=\"header\">P99 TTFT (ms)</th><th class=\"header\">P99 TPOT (ms)</th>"
        + "<th class=\"header\">P99 ITL (ms)</th>"));
    assertEquals(9, html.split("<tr( class=\"ko\")?><td class=\"value", -1).length - 1);
    // Steps 4, 5, 6 and 8 failed: 4 and 5 on both clauses, 6 and 8 on TTFT only.
    assertEquals(4, html.split("<tr class=\"ko\">", -1).length - 1);
    assertTrue(html.contains("<td class=\"value total\">9.10</td><td class=\"value total\">910.0</td>"), html);
    assertTrue(html.contains("<td class=\"value ko\">530.00</td><td class=\"value total\">45.00</td>"), html);
    assertTrue(html.contains("<td class=\"value ok\">PASS</td>"));
    assertTrue(html.contains("<td class=\"total\">Interval (req/s)</td><td class=\"value total\">[8, 9], width 12.5%"));
    assertTrue(html.contains("SLO: p99_ttft_ms&lt;500, p99_tpot_ms&lt;50"));
  }

  @Test
  void textFromTheRunIsEscaped() {
    CapacityResult base = CapacityResults.search();
    StepResult s = CapacityResults.step(1, StepLoad.rate(2), StepPhase.BRACKET, 1.9, 100, 10, 0, base.slo(),
        "<script>alert('x')</script>");
    CapacityResult r = new CapacityResult(base.mode(), base.dimension(), base.slo(), List.of(s),
        new CapacityResult.Capacity(Double.NaN, 2, "Below 2 req/s & <b>no</b> pass", null, List.of()));
    String html = html(r);
    assertFalse(html.contains("<script>alert"));
    assertFalse(html.contains("<b>no</b>"));
    assertTrue(html.contains("FAIL (stopped early)"), html);
    assertTrue(html.contains("step 1: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), html);
    assertTrue(html.contains("Below 2 req/s &amp; &lt;b&gt;no&lt;/b&gt; pass"));
  }

  @Test
  void latencyChartHasOneSeriesPerClauseInOfferedLoadOrderWithThresholds() throws Exception {
    CapacityResult r = CapacityResults.search();
    JsonNode latency = data(html(r)).get("latency");
    JsonNode series = latency.get("series");
    assertEquals(2, series.size());
    JsonNode ttft = series.get(0);
    assertEquals("p99_ttft_ms", ttft.get("key").asText());
    assertEquals("P99 TTFT", ttft.get("name").asText());
    assertEquals("p99_ttft_ms<500", ttft.get("clauses").get(0).asText());
    assertEquals(500.0, ttft.get("thresholds").get(0).asDouble());
    assertEquals(50.0, series.get(1).get("thresholds").get(0).asDouble());
    // In the order of the load offered (the curve the server traces), x = achieved req/s, y = the clause's key; the
    // stopped step 4 (16 req/s offered, 9.1 achieved) among them, marked as stopped.
    List<Double> offered = new ArrayList<>();
    ttft.get("points").forEach(p -> offered.add(Double.parseDouble(p.get("load").asText().replace(" req/s", ""))));
    List<Double> sorted = new ArrayList<>(offered);
    sorted.sort(null);
    assertEquals(sorted, offered);
    List<Double> xs = values(ttft.get("points"), "x");
    assertEquals(9, xs.size());
    JsonNode stopped = ttft.get("points").get(xs.indexOf(9.1));
    assertTrue(stopped.get("stopped").asBoolean(), stopped.toString());
    JsonNode first = ttft.get("points").get(0);
    assertEquals(1.94, first.get("x").asDouble(), 1e-9);
    assertEquals(120.0, first.get("y").asDouble());
    assertEquals("2 req/s", first.get("load").asText());
    assertEquals("bracket", first.get("phase").asText());
    assertTrue(first.get("passed").asBoolean());
    assertTrue(values(ttft.get("points"), "y").contains(4200.0));
    // P99 TTFT reaches 4200 ms, P99 TPOT 95 ms: the second series gets its own axis.
    assertEquals(0, ttft.get("axis").asInt());
    assertEquals(1, series.get(1).get("axis").asInt());
    // The capacity: between the achieved rates of the steps at 8 (7.76 twice) and 9 req/s (8.73 twice).
    JsonNode band = latency.get("capacity");
    assertEquals(7.76, band.get("from").asDouble(), 1e-9);
    assertEquals(8.73, band.get("to").asDouble(), 1e-9);
    assertEquals("capacity 8\u20139 req/s", band.get("label").asText());
  }

  @Test
  void capacityWithOneEndIsAPlotLineAtThatEnd() throws Exception {
    CapacityResult base = CapacityResults.search();
    CapacityResult r = new CapacityResult(base.mode(), base.dimension(), base.slo(), base.steps(),
        new CapacityResult.Capacity(8, Double.NaN, "At least 8 req/s.", null, List.of()));
    JsonNode band = data(html(r)).get("latency").get("capacity");
    assertEquals(7.76, band.get("from").asDouble(), 1e-9);
    assertTrue(band.get("to").isNull());
    assertEquals("capacity \u2265 8 req/s", band.get("label").asText());
  }

  @Test
  void withoutLatencyClauseTheChartShowsP99TtftAndNoThreshold() throws Exception {
    JsonNode latency = data(html(CapacityResults.sweep())).get("latency");
    assertEquals(1, latency.get("series").size());
    assertEquals("p99_ttft_ms", latency.get("series").get(0).get("key").asText());
    assertEquals(0, latency.get("series").get(0).get("thresholds").size());
    assertTrue(latency.get("capacity").isNull());
  }

  @Test
  void paretoFrontJoinsTheUndominatedSteps() throws Exception {
    JsonNode pareto = data(html(CapacityResults.sweep())).get("pareto");
    // (x = output tok/s, y = per-user tok/s): 1 user (150, 200), all at once (2000, 33.3), 8 users (900, 100),
    // 16 users (1400, 66.7): none beats another on both, so all four are on the front.
    assertEquals(List.of(150.0, 2000.0, 900.0, 1400.0), values(pareto.get("points"), "x"));
    assertEquals(200.0, pareto.get("points").get(0).get("y").asDouble(), 1e-9);
    assertEquals("1 user", pareto.get("points").get(0).get("load").asText());
    List<Double> frontX = new ArrayList<>();
    pareto.get("front").forEach(p -> frontX.add(p.get(0).asDouble()));
    assertEquals(List.of(150.0, 900.0, 1400.0, 2000.0), frontX);

    JsonNode search = data(html(CapacityResults.search())).get("pareto");
    // Step 4 (16 req/s, stopped) is beaten by none on output throughput; step 8 (9 req/s, 45 ms TPOT) is beaten by
    // step 7 (same rate, 44 ms), so it is off the front.
    JsonNode eight = search.get("points").get(7);
    assertEquals(8, eight.get("step").asInt());
    assertFalse(eight.get("front").asBoolean());
    assertTrue(search.get("points").get(6).get("front").asBoolean());
  }

  @Test
  void chartsHaveContainersDataAndTheScript() {
    String html = html(CapacityResults.search());
    assertTrue(html.contains("<div id=\"llm-chart-capacity-latency\" class=\"geant\"></div>"));
    assertTrue(html.contains("<div id=\"llm-chart-capacity-pareto\" class=\"geant\"></div>"));
    assertTrue(html.contains("window.llmChartKit = window.llmChartKit ||"));
    assertTrue(html.contains("getElementById('llm-capacity-data')"));
    assertNull(CapacityResults.sweep().capacity());
  }
}
