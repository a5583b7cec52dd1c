package io.github.gatlingllm.capacity;

import io.github.gatlingllm.report.SummaryCheck;
import io.github.gatlingllm.report.SummaryChecks;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns of the step table, shared by the console ({@link CapacityTable}) and the HTML ({@link HtmlCapacityBlock})
 * so that both show the same figures with the same formats.
 *
 * <p>The latency columns are the latency metrics the SLO clauses name (their own percentile or statistic, e.g.
 * {@code p95_ttft_ms}), then TTFT, TPOT and ITL at P99 (or the first percentile the steps hold) for each of the three
 * that no clause names: a reader sees what the steps were judged on, and the usual latencies beside it.
 */
final class StepColumns {
  /** A latency key as llm-summary.json names it: {@code p99_ttft_ms}, {@code mean_tpot_ms}, {@code p99.9_itl_ms}. */
  static final Pattern LATENCY_KEY = Pattern.compile("(mean|median|std|p[0-9.]+)_([a-z_]+)_ms");

  private static final List<String> DEFAULT_METRICS = List.of("ttft", "tpot", "itl");
  private static final String PASS = "PASS";
  private static final String FAIL = "FAIL";

  private final List<String> latencyKeys;

  private StepColumns(List<String> latencyKeys) {
    this.latencyKeys = List.copyOf(latencyKeys);
  }

  static StepColumns of(CapacityResult result) {
    Set<String> keys = new LinkedHashSet<>(clauseLatencyKeys(result.slo()));
    Set<String> covered = new LinkedHashSet<>();
    for (String key : keys) {
      covered.add(metricOf(key));
    }
    for (String metric : DEFAULT_METRICS) {
      if (!covered.contains(metric)) {
        keys.add(defaultKey(result.steps(), metric));
      }
    }
    return new StepColumns(new ArrayList<>(keys));
  }

  /** The keys of the clauses on a latency metric, in clause order, without repeats. */
  static List<String> clauseLatencyKeys(List<SummaryCheck> slo) {
    Set<String> keys = new LinkedHashSet<>();
    for (SummaryCheck c : slo) {
      if (LATENCY_KEY.matcher(c.key()).matches()) {
        keys.add(c.key());
      }
    }
    return new ArrayList<>(keys);
  }

  /** P99 of the metric when the steps hold it, else the first percentile of it they hold, else its mean. */
  static String defaultKey(List<StepResult> steps, String metric) {
    String p99 = "p99_" + metric + "_ms";
    String first = null;
    for (StepResult s : steps) {
      if (s.keys().containsKey(p99)) {
        return p99;
      }
      for (String k : new java.util.TreeSet<>(s.keys().keySet())) {
        Matcher m = LATENCY_KEY.matcher(k);
        if (first == null && m.matches() && m.group(1).startsWith("p") && m.group(2).equals(metric)) {
          first = k;
        }
      }
    }
    return first != null ? first : steps.isEmpty() ? p99 : "mean_" + metric + "_ms";
  }

  /** {@code ttft} for {@code p99_ttft_ms}. */
  static String metricOf(String latencyKey) {
    Matcher m = LATENCY_KEY.matcher(latencyKey);
    return m.matches() ? m.group(2) : latencyKey;
  }

  /** {@code P99 TTFT} for {@code p99_ttft_ms}, {@code Mean TPOT} for {@code mean_tpot_ms}. */
  static String latencyName(String latencyKey) {
    Matcher m = LATENCY_KEY.matcher(latencyKey);
    if (!m.matches()) {
      return latencyKey;
    }
    String stat = m.group(1);
    String head = stat.startsWith("p") ? "P" + stat.substring(1)
        : Character.toUpperCase(stat.charAt(0)) + stat.substring(1);
    return head + " " + m.group(2).replace('_', ' ').toUpperCase(Locale.ROOT);
  }

  List<String> latencyKeys() {
    return latencyKeys;
  }

  List<String> headers() {
    List<String> h = new ArrayList<>(List.of("#", "Phase", "Load", "Req/s", "Output tok/s", "Per-user tok/s"));
    for (String key : latencyKeys) {
      h.add(latencyName(key) + " (ms)");
    }
    h.add("Failed");
    h.add("Verdict");
    return h;
  }

  List<String> cells(StepResult s) {
    List<String> c = new ArrayList<>(List.of(Integer.toString(s.number()), s.phase().id(), s.load().label(),
        fixed(s.achievedRequestRate(), 2), fixed(s.totalOutputTokensPerSecond(), 1),
        fixed(s.perUserOutputTokensPerSecond(), 1)));
    for (String key : latencyKeys) {
      c.add(fixed(s.key(key), 2));
    }
    c.add(percent(failedRatio(s)));
    c.add(verdict(s));
    return c;
  }

  /** PASS, FAIL, or FAIL (stopped early) for a step stopped as failing; {@link #stopNotes} says why, under the table. */
  static String verdict(StepResult s) {
    if (s.passed()) {
      return PASS;
    }
    return s.stoppedEarly() == null ? FAIL : FAIL + " (stopped early)";
  }

  /** One line per step stopped early: {@code step 4: <reason>}, for under the table (a cell would be too narrow). */
  static List<String> stopNotes(List<StepResult> steps) {
    List<String> notes = new ArrayList<>();
    for (StepResult s : steps) {
      if (s.stoppedEarly() != null) {
        notes.add("step " + s.number() + ": " + s.stoppedEarly());
      }
    }
    return notes;
  }

  /** The step's {@code failed_ratio} key when it has one, else failed / (completed + failed). */
  static double failedRatio(StepResult s) {
    double key = s.key("failed_ratio");
    if (!Double.isNaN(key)) {
      return key;
    }
    long ended = s.summary().completed() + s.summary().failed();
    return ended == 0 ? Double.NaN : (double) s.summary().failed() / ended;
  }

  /** Whether a clause failed on this step's actual value (for marking cells). */
  static boolean failedClause(StepResult s, String key) {
    for (SummaryChecks.Result r : s.checks()) {
      if (r.check().key().equals(key) && !r.passed()) {
        return true;
      }
    }
    return false;
  }

  /** {@code 12.35}; "-" for a figure the step does not have (NaN, e.g. no streamed token). */
  static String fixed(double v, int decimals) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "-";
  }

  static String percent(double ratio) {
    return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.1f%%", ratio * 100) : "-";
  }
}
