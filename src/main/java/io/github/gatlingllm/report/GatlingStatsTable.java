package io.github.gatlingllm.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the timing rows need from the "Stats" table Gatling 3.15 writes into {@code index.html}: each request row
 * (where it ends, its parent group row, its indentation and the request path it stands for), the percentiles of the
 * four percentile columns, and what Gatling's requests/s figures were computed with (the run's duration, the "All
 * Requests" count and rate).
 *
 * <p>Read from the page itself rather than from Gatling's configuration, so the rows match the table they are added
 * to. Gatling renders the table server-side with a fixed markup: {@code <tr id="req_..." data-parent="group_...">}
 * rows in {@code <table id="container_statistics_body">}, the name in {@code class="ellipsed-name"}, HTML-escaped with
 * the entity names of gatling-charts' {@code html-entities.properties}.
 */
final class GatlingStatsTable {
  static final String ROOT = "ROOT";
  private static final String BODY_TABLE = "<table id=\"container_statistics_body\"";
  private static final Pattern ROW =
      Pattern.compile("<tr id=\"([^\"]+)\" data-parent=\"([^\"]+)\"[^>]*>(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern ROOT_ROW = Pattern.compile("<tr id=\"ROOT\"[^>]*>(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");
  private static final Pattern MARGIN =
      Pattern.compile("class=\"expandable-container\">\\s*<span [^>]*margin-left: (\\d+)px");
  private static final Pattern PERCENTILE_HEADER =
      Pattern.compile("<th id=\"col-\\d+\"[^>]*><span>([0-9.]+)(?:st|nd|rd|th) pct</span></th>");
  private static final Pattern DURATION =
      Pattern.compile("Duration: </span>\\s*<span>([^<]*)</span>");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)\\s*([dhms])");
  private static final Pattern ENTITY = Pattern.compile("&(#[xX]?)?([0-9A-Za-z]+);");
  private static final Map<String, Integer> ENTITIES = entities();

  /** A request row of the table. */
  record RequestRow(String id, String parentId, int marginLeftPx, List<String> groups, String name, int end) {}

  private final List<RequestRow> requestRows;
  private final double[] percentiles;
  private final long allRequests;
  private final String allRequestsRate;
  private final OptionalLong durationFloorSeconds;

  private GatlingStatsTable(
      List<RequestRow> requestRows, double[] percentiles, long allRequests, String allRequestsRate,
      OptionalLong durationFloorSeconds) {
    this.requestRows = requestRows;
    this.percentiles = percentiles;
    this.allRequests = allRequests;
    this.allRequestsRate = allRequestsRate;
    this.durationFloorSeconds = durationFloorSeconds;
  }

  /** The table of {@code html}, or null when the page has no table this class knows how to read. */
  static GatlingStatsTable read(String html) {
    int body = html.indexOf(BODY_TABLE);
    Matcher root = ROOT_ROW.matcher(html);
    if (body < 0 || !root.find()) {
      return null;
    }
    int bodyEnd = html.indexOf("</table>", body);
    if (bodyEnd < 0) {
      return null;
    }
    List<Double> pcts = new ArrayList<>();
    Matcher header = PERCENTILE_HEADER.matcher(html);
    while (header.find() && header.start() < body) {
      pcts.add(Double.parseDouble(header.group(1)));
    }
    String rootCells = root.group(1);
    String total = cell(rootCells, 2);
    String rate = cell(rootCells, 6);
    if (pcts.size() != 4 || total == null || rate == null || !total.matches("\\d+")) {
      return null;
    }
    Map<String, String[]> parentAndName = new HashMap<>();
    List<RequestRow> rows = new ArrayList<>();
    Matcher row = ROW.matcher(html);
    row.region(body, bodyEnd);
    while (row.find()) {
      String id = row.group(1);
      String parent = row.group(2);
      Matcher name = NAME.matcher(row.group(3));
      if (!name.find()) {
        continue;
      }
      String text = unescape(name.group(1).strip());
      parentAndName.put(id, new String[] {parent, text});
      if (id.startsWith("req_")) {
        Matcher margin = MARGIN.matcher(row.group(3));
        int marginPx = margin.find() ? Integer.parseInt(margin.group(1)) : 0;
        rows.add(new RequestRow(id, parent, marginPx, null, text, row.end()));
      }
    }
    List<RequestRow> withPaths = new ArrayList<>();
    for (RequestRow r : rows) {
      withPaths.add(new RequestRow(
          r.id(), r.parentId(), r.marginLeftPx(), groupsOf(r.parentId(), parentAndName), r.name(), r.end()));
    }
    double[] percentiles = pcts.stream().mapToDouble(Double::doubleValue).toArray();
    return new GatlingStatsTable(withPaths, percentiles, Long.parseLong(total), rate, duration(html));
  }

  /** Request rows in page order. */
  List<RequestRow> requestRows() {
    return requestRows;
  }

  /** The percentiles of Gatling's four percentile columns ({@code gatling.charting.indicators.percentile1..4}). */
  double[] percentiles() {
    return percentiles.clone();
  }

  long allRequests() {
    return allRequests;
  }

  /** The "All Requests" Cnt/s as Gatling printed it. */
  String allRequestsRate() {
    return allRequestsRate;
  }

  /** The run's duration in whole seconds, rounded down, as the run information shows it; empty when not found. */
  OptionalLong durationFloorSeconds() {
    return durationFloorSeconds;
  }

  private static List<String> groupsOf(String parentId, Map<String, String[]> parentAndName) {
    List<String> groups = new ArrayList<>();
    String id = parentId;
    // a bounded walk up the group rows: a malformed page with a cycle cannot make it loop
    for (int depth = 0; !ROOT.equals(id) && depth < parentAndName.size(); depth++) {
      String[] group = parentAndName.get(id);
      if (group == null) {
        break;
      }
      groups.add(0, group[1]);
      id = group[0];
    }
    return List.copyOf(groups);
  }

  private static String cell(String rowCells, int column) {
    Matcher m = Pattern.compile("<td class=\"[^\"]*\\bcol-" + column + "\">([^<]*)</td>").matcher(rowCells);
    return m.find() ? m.group(1).strip() : null;
  }

  /** "1h 2m 3s", "2m 5s", "7s": the day, hour, minute and second parts Gatling prints, added up. */
  private static OptionalLong duration(String html) {
    Matcher m = DURATION.matcher(html);
    if (!m.find()) {
      return OptionalLong.empty();
    }
    long seconds = 0;
    boolean any = false;
    Matcher part = DURATION_PART.matcher(m.group(1));
    while (part.find()) {
      long n = Long.parseLong(part.group(1));
      seconds += switch (part.group(2)) {
        case "d" -> n * 86_400;
        case "h" -> n * 3_600;
        case "m" -> n * 60;
        default -> n;
      };
      any = true;
    }
    return any ? OptionalLong.of(seconds) : OptionalLong.empty();
  }

  /** Undoes Gatling's escaping: numeric references, and named ones as gatling-charts defines them. */
  static String unescape(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    Matcher m = ENTITY.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Integer code = null;
      if (m.group(1) == null) {
        code = ENTITIES.get(m.group(2));
      } else {
        try {
          code = Integer.parseInt(m.group(2), m.group(1).length() == 2 ? 16 : 10);
        } catch (NumberFormatException e) {
          code = null;
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(
          code == null || !Character.isValidCodePoint(code) ? m.group() : Character.toString(code)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** gatling-charts' entity names when on the classpath (a Gatling run), and XML's own in any case. */
  private static Map<String, Integer> entities() {
    Map<String, Integer> entities = new HashMap<>(Map.of("amp", 38, "lt", 60, "gt", 62, "quot", 34, "apos", 39));
    try (InputStream in = GatlingStatsTable.class.getClassLoader().getResourceAsStream("html-entities.properties")) {
      if (in != null) {
        Properties names = new Properties();
        names.load(in);
        for (String name : names.stringPropertyNames()) {
          try {
            entities.put(name, Integer.parseInt(names.getProperty(name).strip()));
          } catch (NumberFormatException e) {
            // not an entity line: skipped
          }
        }
      }
    } catch (IOException e) {
      // XML's entities still cover what request names usually hold
    }
    return Map.copyOf(entities);
  }
}
