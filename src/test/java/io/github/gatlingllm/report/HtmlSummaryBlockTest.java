package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.SummaryOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlSummaryBlockTest {

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void oneRowPerLineOfTheConsoleBlock() {
    String html = new HtmlSummaryBlock().render(Summaries.minimal());
    assertTrue(html.startsWith("<div id=\"llm-summary\" class=\"llm-report\">\n<style>\n"));
    assertEquals(1, count(html, "<div class=\"statistics extensible-geant\">"), "the table's box only");
    assertTrue(html.endsWith("</div>"));
    // minimal(): 10 value lines before the sections, then 4 sections of mean, median, P99
    assertEquals(10 + 4 * 3, count(html, "<td class=\"total\">"));
    assertEquals(4, count(html, "<th colspan=\"2\" class=\"header\">"));
    assertTrue(html.contains("<th colspan=\"2\" class=\"header\">Time per Output Token (excl. 1st token)</th>"));
    assertTrue(html.contains("<tr><td class=\"total\">Peak concurrent requests</td>"
        + "<td class=\"value total llm-value\">2.00</td></tr>"));
    assertTrue(html.contains("<div class=\"title\"><span>LLM Serving Benchmark Result</span>"));
    assertEquals(count(html, "<div"), count(html, "</div>"));
  }

  @Test
  void extrasGetTheirOwnHeaderRows() {
    String html = new HtmlSummaryBlock().render(Summaries.full());
    assertTrue(html.contains("<th colspan=\"2\" class=\"header\">Additional Details</th>"));
    assertTrue(html.contains("<th colspan=\"2\" class=\"header\">Failed Requests by Error</th>"));
    assertTrue(html.contains("<td class=\"total\">HTTP 503</td><td class=\"value total llm-value\">2</td>"));
    assertTrue(html.contains("<td class=\"total\">P99.9 TTFT (ms)</td><td class=\"value total llm-value\">310.00</td>"));
  }

  @Test
  void escapesEveryText() {
    BenchmarkSummary s = BenchmarkSummary.builder(Summaries.run(null, 1.0), SummaryOptions.defaults())
        .completed(1).failed(1)
        .errorsByLabel(Map.of("<script>alert('x')</script> & \"q\"", 1L))
        .build();
    String html = new HtmlSummaryBlock().render(s);
    assertFalse(html.contains("<script>"));
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</td>"));
    assertEquals("a&lt;b&gt;&amp;&quot;&#39;", HtmlSummaryBlock.escape("a<b>&\"'"));
  }

  @Test
  void extraPartsRenderInsideTheElementInOrder() {
    HtmlSummaryBlock block = new HtmlSummaryBlock().with(s -> "<p>one</p>\n").with(s -> "<p>two</p>\n");
    String html = block.render(Summaries.minimal());
    assertTrue(html.lastIndexOf("</table>") < html.indexOf("<p>one</p>"));
    assertTrue(html.indexOf("<p>one</p>") < html.indexOf("<p>two</p>"));
    assertTrue(html.endsWith("<p>two</p>\n</div>"));
  }
}
