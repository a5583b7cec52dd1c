package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.SummaryCalculator;
import io.github.gatlingllm.metrics.SummaryOptions;
import io.github.gatlingllm.metrics.TestRecords;
import io.github.gatlingllm.report.chart.TimeBuckets;
import io.github.gatlingllm.servermetrics.ServerMetricsRecorder;
import io.github.gatlingllm.servermetrics.ServerMetricsResult;
import io.github.gatlingllm.servermetrics.ServerReading;
import io.github.gatlingllm.servermetrics.ServerSample;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The server's view in the console block, the CSV rows and the HTML chart. */
class ServerMetricsReportTest {
  private static final double NA = Double.NaN;
  private static final Pattern DATA = Pattern.compile(
      "<script type=\"application/json\" id=\"llm-report-data\">(.*?)</script>", Pattern.DOTALL);

  private static ServerMetricsResult sampled(long origin) {
    ServerMetricsRecorder recorder = new ServerMetricsRecorder("http://127.0.0.1:8000/metrics", origin, row -> {});
    recorder.add(origin, new ServerReading(0, 0, 0.0, 0, 0, NA, 0, NA));
    recorder.add(origin + 1_000_000_000L, new ServerReading(3, 1, 0.25, 10, 40, NA, 2, NA));
    recorder.failed();
    return recorder.result();
  }

  @Test
  void consoleBlockInTheSummarysLayout() {
    String block = ServerMetricsBlock.render(sampled(0));
    assertEquals(
        """
        ================= Server metrics =================
        Scrapes (failed):                        2 (1)    \s
        Running requests mean / max:             1.50 / 3.00
        Waiting requests mean / max:             0.50 / 1.00
        KV cache usage mean / max (%):           12.50 / 25.00
        Prefix cache hit rate (%):               25.00    \s
        Preemptions:                             2        \s
        ==================================================
        """,
        block);
    assertEquals("", ServerMetricsBlock.render(new ServerMetricsRecorder("u", 0, row -> {}).result()));
  }

  @Test
  void csvRowsAreMillisecondsSeriesAndValue() {
    StringBuilder line = new StringBuilder();
    ServerMetricsCsv.row(new ServerSample(1500, ServerSample.KV_CACHE_USAGE, 0.25), line);
    assertEquals("1500,kv_cache_usage,0.25", line.toString());
    assertEquals("time_ms,series,value", ServerMetricsCsv.HEADER);
  }

  @Test
  void htmlChartOnTheChartsTimeAxisAndOnlyWhenSampled() throws Exception {
    List<RequestRecord> records = TestRecords.scenario();
    long axisOrigin = TimeBuckets.of(records).origin();
    var summary = SummaryCalculator.compute(records, TestRecords.run(null, 1.0), SummaryOptions.defaults());

    String html = HtmlSummaryBlock.forRun(records, List.of(), sampled(axisOrigin)).render(summary);
    assertEquals(1, html.split("<div id=\"llm-chart-server\"", -1).length - 1);
    assertEquals(html.split("<div", -1).length, html.split("</div>", -1).length);
    assertTrue(HtmlResources.JS.contains("'llm-chart-server'"));
    Matcher m = DATA.matcher(html);
    assertTrue(m.find());
    JsonNode server = new ObjectMapper().readTree(m.group(1)).get("server");
    assertEquals("[[0,0],[1,25]]", server.get("kvPercent").toString());
    assertEquals("[[0,0],[1,3]]", server.get("running").toString());
    assertEquals("[[0,0],[1,1]]", server.get("waiting").toString());

    String without = HtmlSummaryBlock.forRun(records, List.of()).render(summary);
    assertFalse(without.contains("<div id=\"llm-chart-server\""));
  }
}
