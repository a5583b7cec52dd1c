package io.github.gatlingllm.servermetrics;

/** Samples, mean and max of one series over the run; mutable, owned by {@link ServerMetricsRecorder}'s lock. */
final class SeriesStats {
  private long samples;
  private double sum;
  private double max = Double.NEGATIVE_INFINITY;

  void add(double value) {
    samples++;
    sum += value;
    max = Math.max(max, value);
  }

  ServerMetricsResult.Stats snapshot() {
    return new ServerMetricsResult.Stats(samples, samples == 0 ? Double.NaN : sum / samples, samples == 0 ? Double.NaN : max);
  }
}
