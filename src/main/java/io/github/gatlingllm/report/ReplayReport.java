package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.Distribution;
import io.github.gatlingllm.metrics.MetricSamples;
import io.github.gatlingllm.metrics.RequestRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a replayed trace adds to the run's outputs: which trace, at what speed-up, and how closely the sends kept the
 * recorded schedule. The lag of a request is its send minus its scheduled time (its intended start, which a replay
 * sets to the scheduled arrival): lateness of the client, plus any wait for a concurrency cap. Read from every
 * measured request as it finishes; memory bounded by the exact store's limit, then a histogram.
 */
public final class ReplayReport implements RunExtension {
  public static final String TRACE = "trace";
  public static final String SPEEDUP = "trace_speedup";
  public static final String REQUESTS = "trace_requests";
  public static final String LAG_P50 = "schedule_lag_p50_ms";
  public static final String LAG_P99 = "schedule_lag_p99_ms";
  public static final String LAG_MAX = "schedule_lag_max_ms";

  /** The numeric keys, known before the run so that {@code llm.assert} may name them ({@code schedule_lag_max_ms<5}). */
  public static final Set<String> NUMERIC_KEYS = Set.of(SPEEDUP, REQUESTS, LAG_P50, LAG_P99, LAG_MAX);

  private final String trace;
  private final double speedup;
  private final int requests;
  /** The replay's own scenario: other populations of the run have their own schedules (or none). */
  private final String scenario;
  /** Written on the statistics thread only; read once the run is over. */
  private final MetricSamples lagMs = new MetricSamples(MetricSamples.DEFAULT_EXACT_LIMIT);

  /**
   * @param trace the trace's name (its file name)
   * @param speedup how much faster than recorded it is replayed
   * @param requests the requests scheduled
   * @param scenario the scenario replaying it, whose requests alone are read
   */
  public ReplayReport(String trace, double speedup, int requests, String scenario) {
    this.trace = trace;
    this.speedup = speedup;
    this.requests = requests;
    this.scenario = scenario;
  }

  @Override
  public void onRecord(RequestRecord record) {
    if (!scenario.equals(record.scenario())) {
      return;
    }
    if (record.sendNanos() != RequestRecord.NONE && record.intendedNanos() != RequestRecord.NONE) {
      lagMs.add((record.sendNanos() - record.intendedNanos()) / 1e6);
    }
  }

  /** The lags of the sends so far. */
  public Distribution lags() {
    return lagMs.distribution();
  }

  @Override
  public Map<String, Object> summaryFacts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put(TRACE, trace);
    facts.put(SPEEDUP, speedup);
    facts.put(REQUESTS, requests);
    Distribution lags = lags();
    if (lags.count() > 0) {
      facts.put(LAG_P50, lags.percentile(50));
      facts.put(LAG_P99, lags.percentile(99));
      facts.put(LAG_MAX, lags.max());
    }
    return facts;
  }

  /** {@code Trace replay: x.jsonl at 10x, 60 requests; schedule lag p50 0.12 ms, p99 0.80 ms, max 1.30 ms}. */
  public String line() {
    Distribution lags = lags();
    String lag =
        lags.count() == 0
            ? "no request was sent"
            : String.format(
                Locale.ROOT, "schedule lag (send - scheduled) p50 %.2f ms, p99 %.2f ms, max %.2f ms", lags.percentile(50),
                lags.percentile(99), lags.max());
    return String.format(
        Locale.ROOT, "Trace replay: %s at %sx, %d requests scheduled; %s", trace, speedupText(), requests, lag);
  }

  private String speedupText() {
    return java.math.BigDecimal.valueOf(speedup).stripTrailingZeros().toPlainString();
  }

  @Override
  public List<HtmlSummaryBlock.Part> htmlParts() {
    return List.of(summary -> HtmlSummaryBlock.box("Trace replay", trace + " at " + speedupText() + "x", table()));
  }

  /** One row under a header, as Gatling's own statistics tables read: the trace, its speed-up, the lag. */
  private String table() {
    Distribution lags = lags();
    StringBuilder html = new StringBuilder();
    HtmlSummaryBlock.openTable(html, "llm-replay",
        new String[] {"Trace", "Speed-up", "Requests scheduled", "Lag p50 (ms)", "Lag p99 (ms)", "Lag max (ms)"});
    html.append("      <tr>");
    HtmlSummaryBlock.valueCell(html, trace, "total");
    HtmlSummaryBlock.valueCell(html, speedupText() + "x", "total");
    HtmlSummaryBlock.valueCell(html, Integer.toString(requests), "total");
    for (double p : new double[] {50, 99}) {
      HtmlSummaryBlock.valueCell(html, lags.count() > 0 ? ms(lags.percentile(p)) : "-", "total");
    }
    HtmlSummaryBlock.valueCell(html, lags.count() > 0 ? ms(lags.max()) : "-", "total");
    return html.append("</tr>\n    </tbody>\n  </table>\n").toString();
  }

  private static String ms(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  @Override
  public void write(RunResults results) {
    System.out.println(line());
  }
}
