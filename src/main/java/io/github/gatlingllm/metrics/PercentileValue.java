package io.github.gatlingllm.metrics;

/** One requested percentile (e.g. 99 or 99.9) and its value in milliseconds. */
public record PercentileValue(double percentile, double valueMs) {}
