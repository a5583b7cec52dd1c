package io.github.gatlingllm.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The capacity of a search as label/value lines (capacity, interval, cliff, flaky loads), shared by the console and
 * the HTML so that both word the answer the same way. Loads are written as {@link StepLoad#label()} writes them.
 */
final class CapacityLines {
  /** One line: a label (no trailing colon: the console adds one, the HTML puts it in a cell) and its value. */
  record Fact(String label, String value) {}

  private CapacityLines() {}

  /** The lines of a search's capacity; empty for a sweep. */
  static List<Fact> of(CapacityResult result) {
    CapacityResult.Capacity c = result.capacity();
    if (c == null) {
      return List.of();
    }
    String unit = result.dimension().unit();
    List<Fact> facts = new ArrayList<>();
    String capacity = !Double.isNaN(c.low()) ? load(c.low())
        : Double.isNaN(c.high()) ? "-" : "below " + load(c.high());
    facts.add(new Fact("Capacity (" + unit + ")", capacity));
    facts.add(new Fact("Interval (" + unit + ")", interval(c)));
    if (c.cliff() != null) {
      facts.add(new Fact("Cliff", c.cliff()));
    }
    if (!c.flaky().isEmpty()) {
      List<String> loads = new ArrayList<>();
      for (double v : c.flaky()) {
        loads.add(load(v));
      }
      facts.add(new Fact("Flaky loads (" + unit + ")", String.join(", ", loads)));
    }
    return facts;
  }

  /** {@code [8.25, 8.5], width 3.0%}; an open end when no step passed or none failed. */
  static String interval(CapacityResult.Capacity c) {
    if (c.bounded()) {
      return "[" + load(c.low()) + ", " + load(c.high()) + "], width "
          + String.format(Locale.ROOT, "%.1f%%", c.relativeWidth() * 100);
    }
    if (Double.isNaN(c.low()) && Double.isNaN(c.high())) {
      return "none (no step ran)";
    }
    return Double.isNaN(c.low()) ? "(0, " + load(c.high()) + "]: every load failed"
        : "[" + load(c.low()) + ", ?): every load passed";
  }

  /** {@code capacity 8.25–8.5 req/s} for a chart label. */
  static String shortLabel(CapacityResult result) {
    CapacityResult.Capacity c = result.capacity();
    String unit = " " + result.dimension().unit();
    if (c.bounded()) {
      return "capacity " + load(c.low()) + "\u2013" + load(c.high()) + unit;
    }
    return Double.isNaN(c.low()) ? "capacity below " + load(c.high()) + unit : "capacity \u2265 " + load(c.low()) + unit;
  }

  static String load(double v) {
    return Double.isNaN(v) ? "-" : StepLoad.number(v);
  }
}
