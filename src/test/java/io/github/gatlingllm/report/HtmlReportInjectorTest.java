package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportInjectorTest {
  private static final String OPEN = "<div id=\"llm-summary\"";

  private static Path sample(Path dir) throws Exception {
    Path index = dir.resolve("index.html");
    Files.writeString(index, GatlingIndexSample.INDEX_HTML, StandardCharsets.UTF_8);
    return index;
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void insertsJustBeforeGatlingsStatsTableAndChangesNothingElse(@TempDir Path dir) throws Exception {
    Path index = sample(dir);
    HtmlReportInjector.inject(index, Summaries.full());
    String html = Files.readString(index, StandardCharsets.UTF_8);
    String fragment = new HtmlSummaryBlock().render(Summaries.full());

    assertEquals(1, count(html, OPEN));
    int at = html.indexOf(fragment);
    assertTrue(at > html.indexOf("id=\"container_assertions\""), "after the assertions");
    assertEquals(at + fragment.length() + 1, html.indexOf("                      <div id=\"statistics_table_container\">"),
        "on its own lines, right before the stats table");
    assertEquals(GatlingIndexSample.INDEX_HTML, html.replace(fragment + "\n", ""));
  }

  @Test
  void reRunningReplacesTheElementInsteadOfAddingOne(@TempDir Path dir) throws Exception {
    Path index = sample(dir);
    HtmlReportInjector.inject(index, Summaries.full());
    String once = Files.readString(index);
    HtmlReportInjector.inject(index, Summaries.full());
    assertEquals(once, Files.readString(index), "same summary twice: same bytes");

    HtmlReportInjector.inject(index, Summaries.minimal());
    String replaced = Files.readString(index);
    assertEquals(1, count(replaced, OPEN));
    assertTrue(replaced.contains("Failed requests</td><td class=\"value total llm-value\">0<"));
    assertFalse(replaced.contains("Failed requests</td><td class=\"value total llm-value\">3<"));
    assertEquals(GatlingIndexSample.INDEX_HTML,
        replaced.replace(new HtmlSummaryBlock().render(Summaries.minimal()) + "\n", ""));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void replacesAnElementWithNestedDivsWhole(@TempDir Path dir) throws Exception {
    Path index = sample(dir);
    HtmlSummaryBlock withChart =
        new HtmlSummaryBlock().with(s -> "  <div class=\"schema geant\"><div id=\"llm-chart\"></div></div>\n");
    HtmlReportInjector.inject(index, withChart.render(Summaries.full()));
    assertTrue(Files.readString(index).contains("llm-chart"));
    HtmlReportInjector.inject(index, Summaries.full());
    String html = Files.readString(index);
    assertFalse(html.contains("llm-chart"));
    assertEquals(GatlingIndexSample.INDEX_HTML,
        html.replace(new HtmlSummaryBlock().render(Summaries.full()) + "\n", ""));
  }

  @Test
  void fallsBackToTheEndOfTheBody() {
    String page = "<html><body><p>x</p></BODY></html>";
    assertEquals("<html><body><p>x</p><div id=\"llm-summary\">s</div>\n</BODY></html>",
        HtmlReportInjector.insert(page, "<div id=\"llm-summary\">s</div>"));
    assertEquals("<p>x</p><div id=\"llm-summary\">s</div>\n",
        HtmlReportInjector.insert("<p>x</p>", "<div id=\"llm-summary\">s</div>"));
  }

  @Test
  void aMissingReportIsAClearError(@TempDir Path dir) {
    Path missing = dir.resolve("nope").resolve("index.html");
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> HtmlReportInjector.inject(missing, Summaries.full()));
    assertTrue(e.getMessage().startsWith(missing + ": Gatling report not found"), e.getMessage());
  }
}
