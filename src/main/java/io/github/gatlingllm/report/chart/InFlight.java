package io.github.gatlingllm.report.chart;

/**
 * Requests in flight over time: every request that was sent (failed ones too: they held a connection and a server
 * slot), over the half-open interval {@code [send, end)}, ends before starts on equal times as in the summary's peak.
 *
 * @param mean time-weighted average in flight over each bucket
 * @param peak most in flight at any instant of each bucket
 */
public record InFlight(double[] mean, int[] peak) {}
