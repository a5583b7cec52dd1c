package io.github.gatlingllm.report.chart;

import io.github.gatlingllm.metrics.RequestRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Failed requests per second, by error label (the bounded categories of {@code ErrorCategory}, e.g. "HTTP 503"), in
 * the bucket where each request ended: when the failure became visible. Labels are ordered by total, largest first,
 * so that the biggest cause sits at the bottom of the stack.
 *
 * @param labels error labels, largest total first
 * @param perSecond failures per second: one array per label, one value per bucket
 */
public record ErrorTimeline(List<String> labels, List<double[]> perSecond) {

  public static ErrorTimeline compute(List<RequestRecord> records, TimeBuckets axis) {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, Long> totals = new TreeMap<>();
    for (RequestRecord r : records) {
      if (r.success()) {
        continue;
      }
      String label = r.errorLabel();
      long end = r.lastActivityNanos();
      long at = end != RequestRecord.NONE ? end : r.intendedNanos();
      if (at == RequestRecord.NONE) {
        continue;
      }
      counts.computeIfAbsent(label, k -> new long[axis.count()])[axis.index(at)]++;
      totals.merge(label, 1L, Long::sum);
    }
    List<String> labels = new ArrayList<>(counts.keySet());
    labels.sort(Comparator.comparing((String l) -> -totals.get(l)).thenComparing(Comparator.naturalOrder()));
    Map<String, double[]> rates = new LinkedHashMap<>();
    double seconds = axis.widthSeconds();
    for (String label : labels) {
      long[] c = counts.get(label);
      double[] rate = new double[c.length];
      for (int i = 0; i < c.length; i++) {
        rate[i] = c[i] / seconds;
      }
      rates.put(label, rate);
    }
    return new ErrorTimeline(List.copyOf(labels), List.copyOf(rates.values()));
  }

  public boolean isEmpty() {
    return labels.isEmpty();
  }
}
