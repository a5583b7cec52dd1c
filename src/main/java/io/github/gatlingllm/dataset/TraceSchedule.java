package io.github.gatlingllm.dataset;

/**
 * When each request of a trace replay is sent.
 *
 * @param name the trace file's name, without directories
 * @param format its format: {@code mooncake}, {@code azure}, {@code burstgpt} or {@code jsonl}
 * @param speedup the factor the trace's offsets were divided by ({@code llm.traceSpeedup}, > 0)
 * @param offsetsSeconds the send time of request {@code i} in seconds from the start of the replay, already divided
 *     by the speed-up; non-decreasing, aligned with the requests
 */
public record TraceSchedule(String name, String format, double speedup, double[] offsetsSeconds) {

  public TraceSchedule {
    offsetsSeconds = offsetsSeconds.clone();
    for (int i = 1; i < offsetsSeconds.length; i++) {
      if (offsetsSeconds[i] < offsetsSeconds[i - 1]) {
        throw new IllegalArgumentException("offsetsSeconds must be non-decreasing, got " + offsetsSeconds[i - 1]
            + " then " + offsetsSeconds[i] + " at " + i);
      }
    }
  }

  @Override
  public double[] offsetsSeconds() {
    return offsetsSeconds.clone();
  }

  /** How many requests. */
  public int size() {
    return offsetsSeconds.length;
  }

  /** The send time of request {@code index}, in seconds. */
  public double offsetSeconds(int index) {
    return offsetsSeconds[index];
  }

  /** The last send time, in seconds (0 for an empty schedule): how long sending takes. */
  public double spanSeconds() {
    return offsetsSeconds.length == 0 ? 0 : offsetsSeconds[offsetsSeconds.length - 1];
  }
}
