package io.github.gatlingllm.servermetrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Prometheus text exposition format (version 0.0.4), the one every inference server's {@code /metrics}
 * speaks. Comments ({@code # HELP}, {@code # TYPE}) are skipped: the families are recognised by name. Histogram and
 * summary lines ({@code _bucket}, {@code _sum}, {@code _count}) come out as ordinary samples under their own names.
 * A line that does not parse is counted, not fatal: one odd exporter line must not cost the whole scrape.
 */
public final class PrometheusText {

  /**
   * What one body held.
   *
   * @param samples the sample lines, in order
   * @param malformed lines that were neither blank, a comment, nor a sample
   */
  public record Parsed(List<PrometheusSample> samples, int malformed) {
    /** Whether the body looks like Prometheus text at all: some samples, and more good lines than bad ones. */
    public boolean looksLikePrometheus() {
      return !samples.isEmpty() && malformed < samples.size();
    }
  }

  private PrometheusText() {}

  public static Parsed parse(String body) {
    List<PrometheusSample> samples = new ArrayList<>();
    int malformed = 0;
    for (String raw : body.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      PrometheusSample sample = sample(line);
      if (sample == null) {
        malformed++;
      } else {
        samples.add(sample);
      }
    }
    return new Parsed(List.copyOf(samples), malformed);
  }

  /** One sample line, or null when it is not one. */
  static PrometheusSample sample(String line) {
    int i = 0;
    while (i < line.length() && isNameChar(line.charAt(i), i == 0)) {
      i++;
    }
    if (i == 0) {
      return null;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i = labels(line, i + 1, labels);
      if (i < 0) {
        return null;
      }
    }
    // After the name or the label set: the value, then an optional timestamp, separated by blanks.
    String[] rest = line.substring(i).strip().split("[ \t]+");
    if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
      return null;
    }
    Double value = value(rest[0]);
    return value == null ? null : new PrometheusSample(name, labels, value);
  }

  /** Reads {@code a="x",b="y"}} from {@code at}; returns the index after the closing brace, or -1 when malformed. */
  private static int labels(String line, int at, Map<String, String> labels) {
    int i = at;
    while (true) {
      i = skipBlanks(line, i);
      if (i >= line.length()) {
        return -1;
      }
      if (line.charAt(i) == '}') {
        return i + 1;
      }
      int start = i;
      while (i < line.length() && isNameChar(line.charAt(i), i == start) && line.charAt(i) != ':') {
        i++;
      }
      if (i == start) {
        return -1;
      }
      String label = line.substring(start, i);
      i = skipBlanks(line, i);
      if (i >= line.length() || line.charAt(i) != '=') {
        return -1;
      }
      i = skipBlanks(line, i + 1);
      if (i >= line.length() || line.charAt(i) != '"') {
        return -1;
      }
      i++;
      StringBuilder value = new StringBuilder();
      while (true) {
        if (i >= line.length()) {
          return -1;
        }
        char c = line.charAt(i++);
        if (c == '"') {
          break;
        }
        if (c == '\\') {
          if (i >= line.length()) {
            return -1;
          }
          char escaped = line.charAt(i++);
          // The format defines three escapes in label values; any other pair is kept as written.
          switch (escaped) {
            case 'n' -> value.append('\n');
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            default -> value.append('\\').append(escaped);
          }
        } else {
          value.append(c);
        }
      }
      labels.put(label, value.toString());
      i = skipBlanks(line, i);
      if (i < line.length() && line.charAt(i) == ',') {
        i++;
      }
    }
  }

  private static int skipBlanks(String line, int i) {
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** Go-style floats as Prometheus writes them, including {@code NaN}, {@code +Inf} and {@code -Inf}. */
  private static Double value(String text) {
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
      case "Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          return null;
        }
    }
  }

  /** Metric names: {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
  private static boolean isNameChar(char c, boolean first) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (!first && c >= '0' && c <= '9');
  }
}
