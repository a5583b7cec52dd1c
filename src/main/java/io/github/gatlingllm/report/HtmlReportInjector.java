package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.servermetrics.ServerMetricsResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds the summary element to Gatling's {@code index.html}, or replaces the one a previous call added.
 *
 * <p>Place: just before Gatling's statistics table ({@code <div id="statistics_table_container">} in Gatling 3.15),
 * i.e. after the run information and assertions, before the per-request stats. When a future template lacks that
 * anchor, before {@code </body>}; failing that, at the end.
 */
public final class HtmlReportInjector {
  static final String ANCHOR = "<div id=\"statistics_table_container\"";

  private static final Pattern EXISTING =
      Pattern.compile("<div\\b[^>]*\\bid\\s*=\\s*[\"']" + HtmlSummaryBlock.ELEMENT_ID + "[\"']", Pattern.CASE_INSENSITIVE);
  private static final Pattern DIV_TAG = Pattern.compile("<(/?)div\\b[^>]*>", Pattern.CASE_INSENSITIVE);

  private HtmlReportInjector() {}

  /** Renders the summary table alone ({@link HtmlSummaryBlock#HtmlSummaryBlock()}) and injects it. */
  public static void inject(Path indexHtml, BenchmarkSummary summary) throws IOException {
    inject(indexHtml, new HtmlSummaryBlock().render(summary));
  }

  /**
   * Renders the full LLM report ({@link HtmlSummaryBlock#forRun}: key figures, tables, charts) and injects it.
   *
   * @param summary the run's summary, computed from {@code records}
   * @param records every request of the run (a snapshot: it is read while rendering)
   * @param extraParts rendered after the tables, before the charts (e.g. an SLO table); may be empty
   */
  public static void inject(Path indexHtml, BenchmarkSummary summary, List<RequestRecord> records,
      List<HtmlSummaryBlock.Part> extraParts) throws IOException {
    inject(indexHtml, summary, records, extraParts, null);
  }

  /** As {@link #inject(Path, BenchmarkSummary, List, List)}, with the server's own view charted (null for none). */
  public static void inject(Path indexHtml, BenchmarkSummary summary, List<RequestRecord> records,
      List<HtmlSummaryBlock.Part> extraParts, ServerMetricsResult server) throws IOException {
    inject(indexHtml, HtmlSummaryBlock.forRun(records, extraParts, server).render(summary));
  }

  /**
   * The full LLM report of a live run, from what its requests left ({@link RunRecording}); also the rows of its TTFT,
   * TPOT and ITL groups in Gatling's own statistics table ({@link GatlingTableTimingRows}).
   */
  public static void inject(Path indexHtml, BenchmarkSummary summary, RunRecording recording,
      List<HtmlSummaryBlock.Part> extraParts, ServerMetricsResult server) throws IOException {
    String fragment = HtmlSummaryBlock.forRun(recording, extraParts, server).render(summary);
    rewrite(indexHtml, html -> GatlingTableTimingRows.insert(insert(html, fragment), recording.gatlingTimings()));
  }

  /**
   * Injects an already rendered {@code <div id="llm-summary">} element; the file is rewritten atomically.
   *
   * @throws NoSuchFileException when the report does not exist (Gatling did not write it, or not yet)
   */
  public static void inject(Path indexHtml, String fragment) throws IOException {
    rewrite(indexHtml, html -> insert(html, fragment));
  }

  private static void rewrite(Path indexHtml, UnaryOperator<String> change) throws IOException {
    if (!Files.isRegularFile(indexHtml)) {
      throw new NoSuchFileException(indexHtml.toString(), null,
          "Gatling report not found, cannot add the LLM summary (was the HTML report generated? "
              + "it exists only after Gatling finished writing its reports)");
    }
    String html = Files.readString(indexHtml, StandardCharsets.UTF_8);
    byte[] updated = change.apply(html).getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(indexHtml, out -> out.write(updated));
  }

  /** The page with {@code fragment} in place of the existing summary element, or inserted where it belongs. */
  static String insert(String html, String fragment) {
    Matcher existing = EXISTING.matcher(html);
    if (existing.find()) {
      int end = elementEnd(html, existing.start());
      if (end > 0) {
        return html.substring(0, existing.start()) + fragment + html.substring(end);
      }
    }
    int anchor = html.indexOf(ANCHOR);
    if (anchor >= 0) {
      int at = lineStart(html, anchor);
      return html.substring(0, at) + fragment + "\n" + html.substring(at);
    }
    int body = html.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
    if (body >= 0) {
      return html.substring(0, body) + fragment + "\n" + html.substring(body);
    }
    return html + fragment + "\n";
  }

  /** The index just after the {@code </div>} closing the div that opens at {@code start}, or -1 if unbalanced. */
  private static int elementEnd(String html, int start) {
    Matcher tag = DIV_TAG.matcher(html);
    tag.region(start, html.length());
    int depth = 0;
    while (tag.find()) {
      depth += tag.group(1).isEmpty() ? 1 : -1;
      if (depth == 0) {
        return tag.end();
      }
    }
    return -1;
  }

  /** Inserting at the start of the anchor's line keeps the page's indentation tidy. */
  private static int lineStart(String html, int index) {
    int i = index;
    while (i > 0 && (html.charAt(i - 1) == ' ' || html.charAt(i - 1) == '\t')) {
      i--;
    }
    return i == 0 || html.charAt(i - 1) == '\n' ? i : index;
  }
}
