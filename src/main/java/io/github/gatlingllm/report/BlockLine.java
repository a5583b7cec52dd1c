package io.github.gatlingllm.report;

/**
 * One line of the summary block, before formatting: the console, the text file and the HTML table all render the
 * same lines, so they cannot drift apart.
 *
 * @param kind what the line is
 * @param text the title (TITLE, SECTION) or the label with its colon (VALUE); empty for RULE
 * @param value the formatted value (VALUE only), else empty
 */
record BlockLine(Kind kind, String text, String value) {
  enum Kind {
    /** A block title, centred between '=' (e.g. "Serving Benchmark Result"). */
    TITLE,
    /** A section title, centred between '-' (e.g. "Time to First Token"). */
    SECTION,
    /** A label and its value. */
    VALUE,
    /** The closing line of '='. */
    RULE
  }

  static BlockLine title(String text) {
    return new BlockLine(Kind.TITLE, text, "");
  }

  static BlockLine section(String text) {
    return new BlockLine(Kind.SECTION, text, "");
  }

  static BlockLine value(String label, String value) {
    return new BlockLine(Kind.VALUE, label, value);
  }

  static BlockLine value(String label, long value) {
    return value(label, Long.toString(value));
  }

  static BlockLine value(String label, double value) {
    return value(label, PythonFormat.fixed2(value));
  }

  static BlockLine rule() {
    return new BlockLine(Kind.RULE, "", "");
  }
}
