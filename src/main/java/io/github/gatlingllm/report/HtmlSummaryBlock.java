package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.BenchmarkSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The summary as an HTML fragment for Gatling's {@code index.html}: one {@code <div id="llm-summary">} styled like
 * Gatling's own "Errors" and "Assertions" boxes (its classes {@code statistics}, {@code title},
 * {@code statistics-in}, {@code header}, {@code value}, {@code total}), holding the summary block as a table: one row
 * per line, section titles as header rows.
 *
 * <p>The fragment is made of {@link Part}s rendered in order inside that element; the table is the first. Later
 * parts (charts) are added with {@link #with(Part)}.
 */
public final class HtmlSummaryBlock {
  /** The id of the element, by which {@link HtmlReportInjector} finds and replaces it. */
  public static final String ELEMENT_ID = "llm-summary";

  /** One piece of the fragment; it must return well-formed HTML with every text escaped ({@link #escape}). */
  @FunctionalInterface
  public interface Part {
    String render(BenchmarkSummary summary);
  }

  /**
   * What Gatling's stylesheet lacks, scoped to our element: a wider, aligned value column and a quiet note in
   * the title. Colours come from Gatling's classes, so the light and dark themes both apply.
   */
  private static final String STYLE = "  <style>\n"
      + "    #" + ELEMENT_ID + " .llm-value { width: 120px; white-space: nowrap; font-variant-numeric: tabular-nums; }\n"
      + "    #" + ELEMENT_ID + " .llm-note { font-size: 12px; font-weight: normal; }\n"
      + "  </style>\n";

  private final List<Part> parts;

  /** The block with the summary table only. */
  public HtmlSummaryBlock() {
    this(List.of(HtmlSummaryBlock::table));
  }

  private HtmlSummaryBlock(List<Part> parts) {
    this.parts = List.copyOf(parts);
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
    sb.append("<div id=\"").append(ELEMENT_ID).append("\" class=\"statistics extensible-geant\">\n");
    sb.append(STYLE);
    sb.append("  <div class=\"title\"><span>LLM ").append(escape(SummaryBlock.VLLM_TITLE)).append("</span>")
        .append("<span class=\"llm-note\">metrics as defined by vllm bench serve</span></div>\n");
    for (Part part : parts) {
      sb.append(part.render(summary));
    }
    sb.append("</div>");
    return sb.toString();
  }

  /** The summary block as a two-column table. */
  static String table(BenchmarkSummary summary) {
    StringBuilder sb = new StringBuilder();
    sb.append("  <table class=\"statistics-in extensible-geant\">\n    <tbody>\n");
    List<BlockLine> lines = SummaryBlock.all(summary);
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
    return sb.toString();
  }

  private static void headerRow(StringBuilder sb, String text) {
    sb.append("      <tr><th colspan=\"2\" class=\"header\">").append(escape(text)).append("</th></tr>\n");
  }

  private static String stripColon(String label) {
    return label.endsWith(":") ? label.substring(0, label.length() - 1) : label;
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
