package io.github.gatlingllm.capacity;

import io.github.gatlingllm.report.PythonFormat;
import io.github.gatlingllm.report.SummaryCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * A capacity search or sweep on the console: a title centred in 50 characters like vLLM's blocks, the SLO, one aligned
 * row per step (columns of {@link StepColumns}), then for a search the capacity lines in vLLM's
 * {@code '{:<40} {:<10}'} layout and the verdict sentence.
 */
public final class CapacityTable {
  /** vLLM's block width: the title and closing rules are this wide, whatever the table's width. */
  static final int WIDTH = 50;
  private static final String GAP = "  ";

  private CapacityTable() {}

  /** The whole block; every line ends with '\n'. */
  public static String render(CapacityResult result) {
    StringBuilder sb = new StringBuilder();
    String title = result.mode() == CapacityResult.Mode.SEARCH ? "Capacity Search Result" : "Sweep Result";
    line(sb, PythonFormat.center(" " + title + " ", WIDTH, '='));
    line(sb, PythonFormat.padRight("Dimension:", 40) + " " + result.dimension().id() + " (" + result.dimension().unit()
        + ")");
    if (!result.slo().isEmpty()) {
      List<String> clauses = new ArrayList<>();
      for (SummaryCheck c : result.slo()) {
        clauses.add(c.toString());
      }
      line(sb, PythonFormat.padRight("SLO:", 40) + " " + String.join(", ", clauses));
    }
    table(sb, StepColumns.of(result), result.steps());
    List<String> stops = StepColumns.stopNotes(result.steps());
    if (!stops.isEmpty()) {
      line(sb, "Stopped early:");
      stops.forEach(note -> line(sb, "  " + note));
    }
    if (result.capacity() != null) {
      line(sb, PythonFormat.center("Capacity", WIDTH, '-'));
      for (CapacityLines.Fact f : CapacityLines.of(result)) {
        line(sb, PythonFormat.padRight(f.label() + ":", 40) + " " + f.value());
      }
      line(sb, result.capacity().verdict());
    }
    line(sb, "=".repeat(WIDTH));
    return sb.toString();
  }

  /** Header, dashes, rows: text columns left-aligned, numbers right-aligned, each as wide as its widest cell. */
  private static void table(StringBuilder sb, StepColumns columns, List<StepResult> steps) {
    List<String> headers = columns.headers();
    List<List<String>> rows = new ArrayList<>();
    for (StepResult s : steps) {
      rows.add(columns.cells(s));
    }
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    row(sb, headers, widths);
    List<String> dashes = new ArrayList<>();
    for (int w : widths) {
      dashes.add("-".repeat(w));
    }
    row(sb, dashes, widths);
    for (List<String> r : rows) {
      row(sb, r, widths);
    }
  }

  private static void row(StringBuilder sb, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      String pad = " ".repeat(widths[i] - cell.length());
      line.append(i > 0 ? GAP : "").append(numeric(i, cells.size()) ? pad + cell : cell + pad);
    }
    line(sb, line.toString().stripTrailing());
  }

  /** Every column is a number but phase, load and verdict (columns 1, 2 and the last). */
  private static boolean numeric(int column, int count) {
    return column != 1 && column != 2 && column != count - 1;
  }

  private static void line(StringBuilder sb, String text) {
    sb.append(text).append('\n');
  }
}
