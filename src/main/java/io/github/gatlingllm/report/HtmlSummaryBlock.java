package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import io.github.gatlingllm.metrics.RequestRecord;
import java.util.ArrayList;
import java.util.List;
import io.github.gatlingllm.servermetrics.ServerMetricsResult;
import java.util.Objects;

/**
 * The LLM report as an HTML fragment for Gatling's {@code index.html}: one {@code <div id="llm-summary">} holding
 * boxes styled like Gatling's own "Errors" and "Assertions" boxes (its classes {@code statistics}, {@code title},
 * {@code statistics-in}, {@code header}, {@code value}, {@code total}) and charts styled like its own
 * ({@code schema} boxes, Highcharts with Gatling's theme).
 *
 * <p>The fragment is made of {@link Part}s rendered in order; each part renders whole boxes ({@link #box} makes one).
 * {@link #HtmlSummaryBlock()} is the vLLM table alone; {@link #forRun} is the full report: key figures, the vLLM
 * table, the per-scenario table (several scenarios only), the caller's extra parts, then the charts.
 */
public final class HtmlSummaryBlock {
  /** The id of the element, by which {@link HtmlReportInjector} finds and replaces it. */
  public static final String ELEMENT_ID = "llm-summary";

  /** One piece of the fragment; it must return well-formed HTML with every text escaped ({@link #escape}). */
  @FunctionalInterface
  public interface Part {
    String render(BenchmarkSummary summary);
  }

  private final List<Part> parts;

  /** The block with the summary table only. */
  public HtmlSummaryBlock() {
    this(List.of(HtmlSummaryBlock::table));
  }

  private HtmlSummaryBlock(List<Part> parts) {
    this.parts = List.copyOf(parts);
  }

  /**
   * The full report for a run: key figures (LLM-on-Ray's averages), the vLLM table, one row per scenario when the
   * requests come from several, TTFT by round when they belong to conversations, then {@code extraParts} (e.g. an SLO
   * table), then the charts.
   *
   * @param recording what the run's requests left (the charts and per-scenario rows are made from it)
   * @param extraParts rendered after the tables and before the charts, in order
   * @param server what the server's {@code /metrics} showed, or null when it was not sampled
   */
  public static HtmlSummaryBlock forRun(RunRecording recording, List<Part> extraParts, ServerMetricsResult server) {
    return forView(new RunView(recording, server), extraParts);
  }

  /** As {@link #forRun(RunRecording, List, ServerMetricsResult)}, over a finished list of requests (tests, previews). */
  public static HtmlSummaryBlock forRun(List<RequestRecord> records, List<Part> extraParts) {
    return forRun(records, extraParts, null);
  }

  public static HtmlSummaryBlock forRun(List<RequestRecord> records, List<Part> extraParts,
      ServerMetricsResult server) {
    return forView(new RunView(records, server), extraParts);
  }

  private static HtmlSummaryBlock forView(RunView run, List<Part> extraParts) {
    List<Part> all = new ArrayList<>();
    all.add(new HtmlKeyFigures(run));
    all.add(HtmlSummaryBlock::table);
    all.add(new HtmlScenarioTable(run));
    all.add(new HtmlRoundTable(run));
    for (Part p : extraParts) {
      all.add(Objects.requireNonNull(p, "extra part"));
    }
    all.add(new HtmlCharts(run));
    return new HtmlSummaryBlock(all);
  }

  /** A block that also renders {@code part} after the existing ones. */
  public HtmlSummaryBlock with(Part part) {
    List<Part> more = new ArrayList<>(parts);
    more.add(Objects.requireNonNull(part, "part"));
    return new HtmlSummaryBlock(more);
  }

  /** The whole {@code <div id="llm-summary">} element, without a trailing newline. */
  public String render(BenchmarkSummary summary) {
    StringBuilder sb = new StringBuilder();
    sb.append("<div id=\"").append(ELEMENT_ID).append("\" class=\"llm-report\">\n");
    sb.append("<style>\n").append(HtmlResources.CSS).append("</style>\n");
    for (Part part : parts) {
      sb.append(part.render(summary));
    }
    sb.append("</div>");
    return sb.toString();
  }

  /**
   * A box like Gatling's "Assertions" one: a title bar (with an optional quiet note on its right) above
   * {@code innerHtml}, typically a {@code <table class="statistics-in extensible-geant">}. For extra parts.
   *
   * @param title plain text, escaped here
   * @param note plain text shown small on the right of the title, or null
   * @param innerHtml already escaped HTML
   */
  public static String box(String title, String note, String innerHtml) {
    StringBuilder sb = new StringBuilder();
    sb.append("<div class=\"statistics extensible-geant\">\n");
    sb.append("  <div class=\"title\"><span>").append(escape(title)).append("</span>");
    if (note != null) {
      sb.append("<span class=\"llm-note\">").append(escape(note)).append("</span>");
    }
    sb.append("</div>\n").append(innerHtml).append("</div>\n");
    return sb.toString();
  }

  /**
   * The summary block as label/value tables in a box titled like vLLM's block: the run's figures (and our extras)
   * on the left, the four latency sections on the right, so the box is half as tall as one long table.
   */
  static String table(BenchmarkSummary summary) {
    List<BlockLine> vllm = SummaryBlock.vllm(summary);
    int firstSection = 0;
    while (firstSection < vllm.size() && vllm.get(firstSection).kind() != BlockLine.Kind.SECTION) {
      firstSection++;
    }
    List<BlockLine> left = new ArrayList<>(vllm.subList(0, firstSection));
    left.addAll(SummaryBlock.extras(summary));
    StringBuilder sb = new StringBuilder("  <div class=\"llm-columns\">\n");
    rows(sb, left);
    rows(sb, vllm.subList(firstSection, vllm.size()));
    sb.append("  </div>\n");
    return box("LLM " + SummaryBlock.VLLM_TITLE, "metrics as defined by vllm bench serve", sb.toString());
  }

  private static void rows(StringBuilder sb, List<BlockLine> lines) {
    sb.append("  <table class=\"statistics-in extensible-geant\">\n    <tbody>\n");
    for (int i = 0; i < lines.size(); i++) {
      BlockLine line = lines.get(i);
      switch (line.kind()) {
        case TITLE -> {
          // The first title is the box's own title; a later one (our extras) opens its part of the table.
          if (i > 0) {
            headerRow(sb, line.text());
          }
        }
        case SECTION -> headerRow(sb, line.text());
        case VALUE -> sb.append("      <tr><td class=\"total\">").append(escape(stripColon(line.text())))
            .append("</td><td class=\"value total llm-value\">").append(escape(line.value())).append("</td></tr>\n");
        case RULE -> {
          // The '=' rule only closes a block on the console; the table needs no row for it.
        }
      }
    }
    sb.append("    </tbody>\n  </table>\n");
  }

  private static void headerRow(StringBuilder sb, String text) {
    sb.append("      <tr><th colspan=\"2\" class=\"header\">").append(escape(text)).append("</th></tr>\n");
  }

  private static String stripColon(String label) {
    return label.endsWith(":") ? label.substring(0, label.length() - 1) : label;
  }

  /**
   * Opens a table of the block with one header row: {@code <table class="... cssClass"><thead>...<tbody>}. Public
   * for parts rendered from other packages (the capacity table).
   */
  public static void openTable(StringBuilder sb, String cssClass, String[] headers) {
    sb.append("  <table class=\"statistics-in extensible-geant ").append(cssClass).append("\">\n    <thead>\n      <tr>");
    for (String h : headers) {
      sb.append("<th class=\"header\">").append(escape(h)).append("</th>");
    }
    sb.append("</tr>\n    </thead>\n    <tbody>\n");
  }

  /** One value cell of such a table; {@code cls} is Gatling's cell class ({@code total}, {@code ko}). Public as above. */
  public static void valueCell(StringBuilder sb, String text, String cls) {
    sb.append("<td class=\"value ").append(cls).append("\">").append(escape(text)).append("</td>");
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  public static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
