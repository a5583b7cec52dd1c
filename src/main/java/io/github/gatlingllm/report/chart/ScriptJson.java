package io.github.gatlingllm.report.chart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes chart data as JSON that is safe inside an HTML {@code <script>} element.
 *
 * <p>Why not Jackson: the text lands inside a {@code <script type="application/json">}, where {@code </script>} or
 * {@code <!--} in a scenario name or error label would end or corrupt the element. Every {@code <}, {@code >} and
 * {@code &} is written as a {@code \\u} escape (valid JSON, decoded by {@code JSON.parse}), as are U+2028/U+2029.
 * Numbers are rounded to a few decimals so that a long run's page stays small.
 *
 * <p>Accepts {@link Map} (keys as strings, insertion order kept), {@link List}, {@code double[]}, {@code long[]},
 * {@code int[]}, {@link Number}, {@link String}, {@link Boolean} and null. Non-finite numbers become null.
 */
public final class ScriptJson {
  /** Decimals kept: milliseconds to the microsecond, rates to a thousandth. */
  static final int DECIMALS = 3;

  private ScriptJson() {}

  public static String write(Object value) {
    StringBuilder sb = new StringBuilder(4096);
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object value) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      string(sb, s);
    } else if (value instanceof Boolean b) {
      sb.append(b.booleanValue());
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      sb.append(((Number) value).longValue());
    } else if (value instanceof Number n) {
      number(sb, n.doubleValue());
    } else if (value instanceof double[] a) {
      sb.append('[');
      for (int i = 0; i < a.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        number(sb, a[i]);
      }
      sb.append(']');
    } else if (value instanceof long[] a) {
      sb.append('[');
      for (int i = 0; i < a.length; i++) {
        sb.append(i > 0 ? "," : "").append(a[i]);
      }
      sb.append(']');
    } else if (value instanceof int[] a) {
      sb.append('[');
      for (int i = 0; i < a.length; i++) {
        sb.append(i > 0 ? "," : "").append(a[i]);
      }
      sb.append(']');
    } else if (value instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        string(sb, String.valueOf(e.getKey()));
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (value instanceof Iterable<?> list) {
      sb.append('[');
      Iterator<?> it = list.iterator();
      while (it.hasNext()) {
        write(sb, it.next());
        if (it.hasNext()) {
          sb.append(',');
        }
      }
      sb.append(']');
    } else {
      throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as chart JSON");
    }
  }

  /** The shortest plain text of {@code v} rounded to {@link #DECIMALS} decimals; null when not finite. */
  static void number(StringBuilder sb, double v) {
    if (!Double.isFinite(v)) {
      sb.append("null");
      return;
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      sb.append((long) v);
      return;
    }
    String text = BigDecimal.valueOf(v).setScale(DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    sb.append(text.equals("-0") ? "0" : text);
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          // '<', '>', '&' would let the text close the script element or open a comment; U+2028/9 break old parsers.
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
