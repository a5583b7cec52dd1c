package io.github.gatlingllm.protocol;

/**
 * How inter-token latency reaches Gatling's own stats as {@code <name> ITL} records. The exact pooled ITL (every gap,
 * sub-millisecond) is always in the LLM summary whatever is chosen here.
 */
public enum ItlStats {
  /**
   * One Gatling record per gap between consecutive chunks of a successful request: Gatling's ITL percentiles then
   * describe the same population as vLLM's pooled ITL (rounded to whole ms by Gatling). Costs one record per chunk.
   */
  EVERY_GAP,
  /** One record per successful request holding its mean gap: cheap, but a mean hides stalls. */
  REQUEST_MEAN,
  /** No ITL records in Gatling's stats. */
  NONE
}
