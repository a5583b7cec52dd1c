package io.github.gatlingllm.servermetrics;

import java.util.Map;

/**
 * One sample line of the Prometheus text format: {@code name{label="v",...} value [timestamp]} (the timestamp is not
 * kept: the sampler stamps every scrape with its own clock, comparable with the run's).
 *
 * @param name the metric name, e.g. {@code vllm:num_requests_running}
 * @param labels the label set, empty when none
 * @param value the value; {@code NaN} and infinities are kept as such
 */
public record PrometheusSample(String name, Map<String, String> labels, double value) {
  public PrometheusSample {
    labels = Map.copyOf(labels);
  }
}
