package io.github.gatlingllm.report.chart;

import java.util.List;

/**
 * Failed requests per second, by error label (the bounded categories of {@code ErrorCategory}, e.g. "HTTP 503"), in
 * the bucket where each request ended: when the failure became visible. Labels are ordered by total, largest first,
 * so that the biggest cause sits at the bottom of the stack.
 *
 * @param labels error labels, largest total first
 * @param perSecond failures per second: one array per label, one value per bucket
 */
public record ErrorTimeline(List<String> labels, List<double[]> perSecond) {

  public boolean isEmpty() {
    return labels.isEmpty();
  }
}
