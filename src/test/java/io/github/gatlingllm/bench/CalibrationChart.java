package io.github.gatlingllm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Draws the client's error against load as a self-contained SVG (no library, no script): two panels, open loop by
 * rate and closed loop by streams, levels evenly spaced; y in ms on a log scale, since a send lag that breaks reads in
 * seconds while a healthy TTFT error reads in tenths of ms. Two figures per mode: the mean TTFT error against the
 * wire truth (solid, circles) and the p99 send lag (dashed, squares); pinned in blue, unpinned in orange. Values at or
 * below the floor (0.01 ms, negatives included) sit on it with a hollow marker; every point is labelled with its
 * value.
 */
final class CalibrationChart {
  private static final int WIDTH = 980;
  private static final int HEIGHT = 460;
  private static final int TOP = 70;
  private static final int BOTTOM = 380;
  private static final int[] PANEL_LEFT = {80, 540};
  private static final int PANEL_WIDTH = 400;
  private static final double FLOOR = 0.01;
  private static final Map<String, String> COLORS = Map.of("pinned", "#1f5fa8", "unpinned", "#e07b00");

  private CalibrationChart() {}

  /** Writes the chart of {@code rows} (the newest per mode and level) to {@code svg}. */
  static void write(List<Map<String, String>> rows, Path svg) throws IOException {
    Files.createDirectories(svg.toAbsolutePath().getParent());
    Files.writeString(svg, render(rows), StandardCharsets.UTF_8);
  }

  static String render(List<Map<String, String>> rows) {
    double max = 100;
    for (Map<String, String> r : rows) {
      for (String c : List.of("ttft_err_wire_ms", "lag_p99_ms")) {
        double v = CalibrationCsv.number(r, c);
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
        }
      }
    }
    int lowDecade = (int) Math.floor(Math.log10(FLOOR));
    int highDecade = (int) Math.ceil(Math.log10(max));
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " font-family=\"sans-serif\" font-size=\"12\">\n", WIDTH, HEIGHT, WIDTH, HEIGHT));
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    s.append(text(WIDTH / 2.0, 22, "middle", 15, "bold",
        "Client error against load: mean TTFT error vs wire truth, and p99 send lag"));
    s.append(text(WIDTH / 2.0, 40, "middle", 11, "normal",
        "fast server in its own JVM; errors are client minus truth; log scale, values ≤ 0.01 ms (or negative) on the floor"));
    String[] kinds = {"open", "closed"};
    String[] xTitles = {"open loop: target rate (req/s, Poisson)", "closed loop: concurrent streams"};
    for (int p = 0; p < 2; p++) {
      String kind = kinds[p];
      List<Map<String, String>> panel = rows.stream().filter(r -> kind.equals(r.get("kind"))).toList();
      panel(s, p, panel, xTitles[p], lowDecade, highDecade);
    }
    legend(s);
    return s.append("</svg>\n").toString();
  }

  private static void panel(
      StringBuilder s, int p, List<Map<String, String>> rows, String xTitle, int lowDecade, int highDecade) {
    int left = PANEL_LEFT[p];
    int right = left + PANEL_WIDTH;
    s.append(line(left, TOP, left, BOTTOM, "#333", "")).append(line(left, BOTTOM, right, BOTTOM, "#333", ""));
    for (int d = lowDecade; d <= highDecade; d++) {
      double y = y(Math.pow(10, d), lowDecade, highDecade);
      s.append(line(left, y, right, y, "#ddd", ""));
      s.append(text(left - 6, y + 4, "end", 11, "normal", decade(d)));
    }
    s.append(text(left + PANEL_WIDTH / 2.0, BOTTOM + 40, "middle", 12, "normal", xTitle));
    s.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 %d %d)\">ms (log scale)</text>\n",
        left - 48, (TOP + BOTTOM) / 2, left - 48, (TOP + BOTTOM) / 2));
    TreeSet<Integer> levels = new TreeSet<>();
    rows.forEach(r -> levels.add(Integer.parseInt(r.get("level"))));
    List<Integer> xs = new ArrayList<>(levels);
    if (xs.isEmpty()) {
      s.append(text(left + PANEL_WIDTH / 2.0, (TOP + BOTTOM) / 2.0, "middle", 12, "normal", "no level run yet"));
      return;
    }
    double step = PANEL_WIDTH / (double) xs.size();
    for (int i = 0; i < xs.size(); i++) {
      double x = left + step * (i + 0.5);
      s.append(line(x, BOTTOM, x, BOTTOM + 5, "#333", ""));
      s.append(text(x, BOTTOM + 18, "middle", 11, "normal", String.format(Locale.ROOT, "%,d", xs.get(i))));
    }
    for (String mode : List.of("pinned", "unpinned")) {
      List<Map<String, String>> series = rows.stream().filter(r -> mode.equals(r.get("mode"))).toList();
      series(s, series, xs, left, step, "ttft_err_wire_ms", COLORS.get(mode), "", false, lowDecade, highDecade);
      series(s, series, xs, left, step, "lag_p99_ms", COLORS.get(mode), "6,4", true, lowDecade, highDecade);
    }
  }

  private static void series(
      StringBuilder s,
      List<Map<String, String>> rows,
      List<Integer> xs,
      int left,
      double step,
      String column,
      String color,
      String dash,
      boolean square,
      int lowDecade,
      int highDecade) {
    StringBuilder path = new StringBuilder();
    StringBuilder marks = new StringBuilder();
    for (int i = 0; i < xs.size(); i++) {
      int level = xs.get(i);
      Map<String, String> row =
          rows.stream().filter(r -> Integer.parseInt(r.get("level")) == level).findFirst().orElse(null);
      double v = row == null ? Double.NaN : CalibrationCsv.number(row, column);
      if (Double.isNaN(v)) {
        continue;
      }
      double x = left + step * (i + 0.5);
      double y = y(Math.max(v, FLOOR), lowDecade, highDecade);
      path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
      String fill = v <= FLOOR ? "white" : color;
      marks.append(square
          ? String.format(Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\" stroke=\"%s\"/>\n", x - 4, y - 4, fill,
              color)
          : String.format(Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\" stroke=\"%s\"/>\n", x, y, fill, color));
      // TTFT errors labelled on the left of their point, lags on the right: close values stay readable.
      marks.append(text(square ? x + 8 : x - 8, y + 4, square ? "start" : "end", 10, "normal", value(v))
          .replace("<text ", "<text fill=\"" + color + "\" "));
    }
    if (path.length() > 0) {
      s.append(String.format(Locale.ROOT,
          "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", path, color,
          dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\""));
    }
    s.append(marks);
  }

  private static void legend(StringBuilder s) {
    int x = PANEL_LEFT[0];
    int y = HEIGHT - 22;
    int i = 0;
    for (String mode : List.of("pinned", "unpinned")) {
      String color = COLORS.get(mode);
      for (boolean lag : new boolean[] {false, true}) {
        double lx = x + i * 215;
        s.append(String.format(Locale.ROOT,
            "<line x1=\"%.0f\" y1=\"%d\" x2=\"%.0f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", lx, y, lx + 28,
            y, color, lag ? " stroke-dasharray=\"6,4\"" : ""));
        s.append(text(lx + 34, y + 4, "start", 11, "normal",
            mode + ": " + (lag ? "p99 send lag" : "TTFT error vs wire")));
        i++;
      }
    }
  }

  private static double y(double v, int lowDecade, int highDecade) {
    double t = (Math.log10(v) - lowDecade) / (highDecade - lowDecade);
    return BOTTOM - t * (BOTTOM - TOP);
  }

  private static String decade(int d) {
    double v = Math.pow(10, d);
    return d < 0 ? String.format(Locale.ROOT, "%." + (-d) + "f", v) : String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String value(double v) {
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String line(double x1, double y1, double x2, double y2, String color, String extra) {
    return String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>\n", x1, y1, x2, y2, color, extra);
  }

  private static String text(double x, double y, String anchor, int size, String weight, String content) {
    return String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" font-weight=\"%s\">%s</text>\n", x, y, anchor,
        size, weight, content.replace("&", "&amp;").replace("<", "&lt;"));
  }
}
